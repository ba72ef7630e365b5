package org.carerelay.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.ConflictException;
import org.carerelay.shared.ListPage;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Paging;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API bearer tokens: issued for one practice and one role, stored only as a SHA-256 hash (they carry 256 random
 * bits, so a fast hash is enough), shown once, revocable.
 *
 * <p>Nobody grants a permission they do not hold: a caller mints a token only for a role whose permissions are
 * all their own. A token minted by a staff member (or by a token acting for one) acts for that person and is held
 * to them as they are now: it holds only the permissions both its role and the person's current role hold, sees
 * clinical content only as far as the person does ({@code ClinicalAccess}), and stops working when the person is
 * deactivated. A token minted by CareRelay itself is an integration: its role is its explicit scope.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "crt_";
    private static final int SECRET_BYTES = 32;

    private final JdbcClient jdbc;
    private final Roles roles;
    private final AuditLog auditLog;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, Roles roles, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.roles = roles;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Issues a token for {@code role}, acting for the person the caller acts for. Forbidden when the role holds a
     * permission the caller lacks.
     */
    @Transactional
    public IssuedToken issue(Caller caller, String name, StaffRole role) {
        if (!caller.permissions().containsAll(roles.permissionsOf(role))) {
            throw new AccessDeniedException("The role holds a permission the caller lacks");
        }
        String secret = PREFIX + Secrets.token(SECRET_BYTES);
        return new IssuedToken(insert(caller.practice(), name, role, secret, caller.actor(), caller.person()), secret);
    }

    /** Issues an integration token on behalf of CareRelay itself: a new practice's first Clinic Admin token. */
    @Transactional
    public IssuedToken issue(PracticeId practice, String name, StaffRole role, Actor actor) {
        String secret = PREFIX + Secrets.token(SECRET_BYTES);
        return new IssuedToken(insert(practice, name, role, secret, actor, null), secret);
    }

    /**
     * Makes {@code secret} the one live integration token named {@code name} of {@code practice}: the local-mode
     * demo admin token, whose value the operator chose. Earlier live tokens of that name are revoked. Returns false, changing
     * nothing, when {@code secret} was issued before and has since been revoked: a revoked token never comes back.
     */
    @Transactional
    public boolean ensure(PracticeId practice, String name, StaffRole role, String secret, Actor actor) {
        Optional<Boolean> revoked = jdbc.sql("SELECT revoked_at IS NOT NULL FROM api_token WHERE token_hash = :hash")
                .param("hash", hash(secret)).query(Boolean.class).optional();
        if (revoked.isPresent()) {
            return !revoked.get();
        }
        List<UUID> replaced = jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE practice_id = :practice "
                        + "AND name = :name AND revoked_at IS NULL RETURNING id")
                .param("now", Timestamp.from(clock.instant()))
                .param("practice", practice.value())
                .param("name", name)
                .query(UUID.class).list();
        for (UUID id : replaced) {
            auditLog.record(new AuditEvent(practice, actor, "api_token.revoked", AuditEvent.Target.of("api_token", id),
                    null));
        }
        insert(practice, name, role, secret, actor, null);
        return true;
    }

    @Transactional(readOnly = true)
    public ListPage<ApiToken> list(PracticeId practice, PageRequest page) {
        return Paging.page(jdbc, "*", "FROM api_token WHERE practice_id = :practice", "created_at DESC, id",
                Map.of("practice", practice.value()), ApiTokens::token, page);
    }

    /** Revokes a token of the caller's practice whose role is not above the caller's own. */
    @Transactional
    public void revoke(Caller caller, UUID id) {
        ApiToken token = jdbc.sql("SELECT * FROM api_token WHERE id = :id AND practice_id = :practice FOR UPDATE")
                .param("id", id)
                .param("practice", caller.practice().value())
                .query(ApiTokens::token)
                .optional()
                .orElseThrow(() -> new NotFoundException("API token"));
        if (token.role().outranks(StaffRole.parse(caller.role(), "role"))) {
            throw new AccessDeniedException("The token's role is above the caller's");
        }
        if (token.revokedAt() != null) {
            throw new ConflictException("The API token is already revoked");
        }
        jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE id = :id AND practice_id = :practice")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .param("practice", caller.practice().value())
                .update();
        auditLog.record(AuditEvent.of(caller, "api_token.revoked", AuditEvent.Target.of("api_token", id)));
    }

    /**
     * The caller a bearer token stands for, if it is a live token and the person it acts for (if any) is active:
     * the permissions of its role that the person's current role holds too.
     */
    @Transactional(readOnly = true)
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT t.id, t.practice_id, t.role, t.acts_for_staff_id, s.role AS person_role
                        FROM api_token t
                        LEFT JOIN staff_user s ON s.practice_id = t.practice_id AND s.id = t.acts_for_staff_id
                        WHERE t.token_hash = :hash AND t.revoked_at IS NULL
                          AND (t.acts_for_staff_id IS NULL OR s.active)""")
                .param("hash", hash(secret))
                .query((rs, n) -> {
                    StaffRole role = StaffRole.valueOf(rs.getString("role"));
                    UUID person = rs.getObject("acts_for_staff_id", UUID.class);
                    Set<String> permissions = new HashSet<>(roles.permissionsOf(role));
                    if (person != null) {
                        permissions.retainAll(roles.permissionsOf(StaffRole.valueOf(rs.getString("person_role"))));
                    }
                    return new Caller(new PracticeId(rs.getObject("practice_id", UUID.class)),
                            new Actor(Actor.Type.API_TOKEN, rs.getObject("id", UUID.class).toString()),
                            role.name(), permissions, person);
                })
                .optional();
    }

    /** Stores the token's hash and audits the issue. {@code person} is null for an integration token. */
    private ApiToken insert(PracticeId practice, String name, StaffRole role, String secret, Actor actor,
            UUID person) {
        ApiToken token = new ApiToken(UUID.randomUUID(), name, role, person, clock.instant(), null);
        jdbc.sql("""
                INSERT INTO api_token (id, practice_id, name, role, token_hash, created_at, created_by_type, created_by_id,
                                       acts_for_staff_id)
                VALUES (:id, :practice, :name, :role, :hash, :createdAt, :actorType, :actorId, :person)""")
                .param("id", token.id())
                .param("practice", practice.value())
                .param("name", name)
                .param("role", role.name())
                .param("hash", hash(secret))
                .param("createdAt", Timestamp.from(token.createdAt()))
                .param("actorType", actor.type().name())
                .param("actorId", actor.id())
                .param("person", person)
                .update();
        Map<String, Object> payload = new HashMap<>(Map.of("role", role));
        payload.put("actsFor", person == null ? "integration" : person);
        auditLog.record(new AuditEvent(practice, actor, "api_token.issued", AuditEvent.Target.of("api_token",
                token.id()), payload));
        return token;
    }

    private static ApiToken token(ResultSet rs, int rowNum) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"), StaffRole.valueOf(rs.getString("role")),
                rs.getObject("acts_for_staff_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    static String hash(String secret) {
        return Secrets.sha256(secret);
    }
}
