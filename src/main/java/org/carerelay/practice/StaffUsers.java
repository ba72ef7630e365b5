package org.carerelay.practice;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.ConflictException;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.ListPage;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Paging;
import org.carerelay.shared.PracticeId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The practice's staff users. */
@Service
public class StaffUsers {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final ContactNormalizer contacts;
    private final Clock clock;

    StaffUsers(JdbcClient jdbc, AuditLog auditLog, ContactNormalizer contacts, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Transactional
    public StaffUser create(Caller caller, StaffUserDetails details) {
        checkGrant(StaffRole.parse(caller.role(), "role"), details.role());
        return create(caller.practice(), caller.actor(), details);
    }

    /** Creates a staff user on behalf of CareRelay itself (practice onboarding, the demo). */
    @Transactional
    public StaffUser create(PracticeId practice, Actor actor, StaffUserDetails details) {
        StaffUserId id = StaffUserId.random();
        write(practice, id, details, """
                INSERT INTO staff_user (id, practice_id, given_name, family_name, email, role, active, created_at, updated_at)
                VALUES (:id, :practice, :givenName, :familyName, :email, :role, :active, :now, :now)""");
        auditLog.record(new AuditEvent(practice, actor, "staff.created", AuditEvent.Target.of("staff_user", id),
                Map.of("role", details.role())));
        return get(practice, id);
    }

    @Transactional
    public StaffUser update(Caller caller, StaffUserId id, StaffUserDetails details) {
        StaffUser current = get(caller.practice(), id);
        StaffRole own = StaffRole.parse(caller.role(), "role");
        checkGrant(own, current.role());
        checkGrant(own, details.role());
        write(caller.practice(), id, details, """
                UPDATE staff_user SET given_name = :givenName, family_name = :familyName, email = :email,
                       role = :role, active = :active, updated_at = :now
                WHERE id = :id AND practice_id = :practice""");
        auditLog.record(AuditEvent.of(caller, "staff.updated", AuditEvent.Target.of("staff_user", id),
                Map.of("role", details.role(), "active", details.active() == null || details.active())));
        return get(caller.practice(), id);
    }

    @Transactional(readOnly = true)
    public StaffUser get(PracticeId practice, StaffUserId id) {
        return jdbc.sql("SELECT * FROM staff_user WHERE id = :id AND practice_id = :practice")
                .param("id", id.value())
                .param("practice", practice.value())
                .query(MAPPER)
                .optional()
                .orElseThrow(() -> new NotFoundException("Staff user"));
    }

    /**
     * {@code id}, after checking that it is an active member of the practice's staff: 404 naming {@code field}
     * otherwise (someone deactivated is not assigned work).
     */
    @Transactional(readOnly = true)
    public StaffUserId requireActive(PracticeId practice, StaffUserId id, String field) {
        boolean active = jdbc.sql("SELECT EXISTS (SELECT FROM staff_user WHERE id = :id AND practice_id = :practice "
                        + "AND active)")
                .param("id", id.value())
                .param("practice", practice.value())
                .query(Boolean.class).single();
        if (!active) {
            throw new NotFoundException("Staff member", field);
        }
        return id;
    }

    @Transactional(readOnly = true)
    public ListPage<StaffUser> list(PracticeId practice, PageRequest page) {
        return Paging.page(jdbc, "*", "FROM staff_user WHERE practice_id = :practice", "family_name, given_name, id",
                Map.of("practice", practice.value()), MAPPER, page);
    }

    private static void checkGrant(StaffRole own, StaffRole role) {
        if (role.outranks(own)) {
            throw new InvalidFieldException("role", "may not be more privileged than your own role");
        }
    }

    private void write(PracticeId practice, StaffUserId id, StaffUserDetails details, String sql) {
        try {
            jdbc.sql(sql)
                    .param("id", id.value())
                    .param("practice", practice.value())
                    .param("givenName", details.givenName())
                    .param("familyName", details.familyName())
                    .param("email", contacts.email(details.email(), "email"))
                    .param("role", details.role().name())
                    .param("active", details.active() == null || details.active())
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Another staff user of this practice has that email address");
        }
    }

    private static final RowMapper<StaffUser> MAPPER = (rs, rowNum) -> new StaffUser(
            new StaffUserId(rs.getObject("id", UUID.class)), rs.getString("given_name"), rs.getString("family_name"),
            rs.getString("email"), StaffRole.valueOf(rs.getString("role")), rs.getBoolean("active"),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
}
