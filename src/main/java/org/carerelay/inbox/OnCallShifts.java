package org.carerelay.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.practice.ContactNormalizer;
import org.carerelay.practice.StaffUserId;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Caller;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The on-call roster: who is paged for urgent and crisis messages, when. */
@Service
public class OnCallShifts {

    static final Duration LONGEST = Duration.ofDays(14);

    private final JdbcClient jdbc;
    private final ContactNormalizer normalizer;
    private final StaffUsers staffUsers;
    private final AuditLog auditLog;
    private final Clock clock;

    OnCallShifts(JdbcClient jdbc, ContactNormalizer normalizer, StaffUsers staffUsers, AuditLog auditLog,
            Clock clock) {
        this.staffUsers = staffUsers;
        this.jdbc = jdbc;
        this.normalizer = normalizer;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public OnCallShift add(Caller caller, UUID staff, String phone, Instant startsAt, Instant endsAt) {
        if (!endsAt.isAfter(startsAt)) {
            throw new InvalidFieldException("endsAt", "must be after startsAt");
        }
        if (Duration.between(startsAt, endsAt).compareTo(LONGEST) > 0) {
            throw new InvalidFieldException("endsAt", "a shift lasts at most 14 days");
        }
        staffUsers.requireActive(caller.practice(), new StaffUserId(staff), "staffId");
        OnCallShift shift = new OnCallShift(UUID.randomUUID(), staff, normalizer.phone(phone, "phone"), startsAt,
                endsAt);
        jdbc.sql("""
                INSERT INTO on_call_shift (id, practice_id, staff_id, phone, starts_at, ends_at, created_at)
                VALUES (:id, :practice, :staff, :phone, :starts, :ends, :now)""")
                .param("id", shift.id())
                .param("practice", caller.practice().value())
                .param("staff", staff)
                .param("phone", shift.phone())
                .param("starts", Timestamp.from(startsAt))
                .param("ends", Timestamp.from(endsAt))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        auditLog.record(AuditEvent.of(caller, "inbox.on_call_shift.added", AuditEvent.Target.of("on_call_shift",
                shift.id()), Map.of("staff", staff)));
        return shift;
    }

    /** The shifts that overlap the coming two weeks (and the one running now). */
    @Transactional(readOnly = true)
    public List<OnCallShift> upcoming(Caller caller) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT * FROM on_call_shift WHERE practice_id = :practice AND ends_at > :now "
                        + "AND starts_at < :until ORDER BY starts_at, id")
                .param("practice", caller.practice().value())
                .param("now", Timestamp.from(now))
                .param("until", Timestamp.from(now.plus(LONGEST)))
                .query((rs, n) -> new OnCallShift(rs.getObject("id", UUID.class), rs.getObject("staff_id", UUID.class),
                        rs.getString("phone"), rs.getTimestamp("starts_at").toInstant(),
                        rs.getTimestamp("ends_at").toInstant()))
                .list();
    }

    @Transactional
    public void remove(Caller caller, UUID id) {
        if (jdbc.sql("DELETE FROM on_call_shift WHERE id = :id AND practice_id = :practice")
                .param("id", id).param("practice", caller.practice().value()).update() == 0) {
            throw new NotFoundException("On-call shift");
        }
        auditLog.record(AuditEvent.of(caller, "inbox.on_call_shift.removed",
                AuditEvent.Target.of("on_call_shift", id), Map.of()));
    }
}
