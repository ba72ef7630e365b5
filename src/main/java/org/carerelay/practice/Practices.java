package org.carerelay.practice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Practices: registering one (the operator's or the demo's job) and keeping its details. */
@Service
public class Practices {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final Clock clock;

    Practices(JdbcClient jdbc, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public Practice register(PracticeDetails details, Actor actor) {
        Codes.language(details.defaultLanguage(), "defaultLanguage");
        PracticeId id = new PracticeId(UUID.randomUUID());
        Instant now = clock.instant();
        details.postalAddress().bind(jdbc.sql("""
                INSERT INTO practice (id, slug, name, brand_name, address_line1, address_line2, city, region,
                                      postal_code, country, default_language, created_at, updated_at)
                VALUES (:id, :slug, :name, :brandName, :line1, :line2, :city, :region, :postalCode, :country,
                        :language, :now, :now)"""))
                .param("id", id.value())
                .param("slug", freeSlug(details.brandName()))
                .param("name", details.name())
                .param("brandName", details.brandName())
                .param("language", details.defaultLanguage())
                .param("now", Timestamp.from(now))
                .update();
        auditLog.record(new AuditEvent(id, actor, "practice.registered", AuditEvent.Target.of("practice", id), null));
        return get(id);
    }

    @Transactional(readOnly = true)
    public Practice get(PracticeId id) {
        return jdbc.sql("SELECT * FROM practice WHERE id = :id")
                .param("id", id.value())
                .query(Practices::practice)
                .optional()
                .orElseThrow(() -> new NotFoundException("Practice"));
    }

    /** The practice a portal link names. */
    @Transactional(readOnly = true)
    public Optional<Practice> bySlug(String slug) {
        return jdbc.sql("SELECT * FROM practice WHERE slug = :slug").param("slug", slug)
                .query(Practices::practice).optional();
    }

    /** Every practice on this server, by name: the portal's chooser when a link names none. */
    @Transactional(readOnly = true)
    public List<Practice> all() {
        return jdbc.sql("SELECT * FROM practice ORDER BY brand_name, id").query(Practices::practice).list();
    }

    @Transactional(readOnly = true)
    public long count() {
        return jdbc.sql("SELECT count(*) FROM practice").query(Long.class).single();
    }

    /** The first practice registered, if any: in local mode, the demo practice. */
    @Transactional(readOnly = true)
    public Optional<Practice> first() {
        return jdbc.sql("SELECT * FROM practice ORDER BY created_at, id LIMIT 1").query(Practices::practice).optional();
    }

    @Transactional
    public Practice update(Caller caller, PracticeDetails details) {
        Codes.language(details.defaultLanguage(), "defaultLanguage");
        details.postalAddress().bind(jdbc.sql("""
                UPDATE practice SET name = :name, brand_name = :brandName, address_line1 = :line1,
                       address_line2 = :line2, city = :city, region = :region, postal_code = :postalCode,
                       country = :country, default_language = :language, updated_at = :now
                WHERE id = :id"""))
                .param("id", caller.practice().value())
                .param("name", details.name())
                .param("brandName", details.brandName())
                .param("language", details.defaultLanguage())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        auditLog.record(AuditEvent.of(caller, "practice.updated", AuditEvent.Target.of("practice", caller.practice())));
        return get(caller.practice());
    }

    /** "Riverside Family Medicine" becomes riverside-family-medicine, or riverside-family-medicine-2 when taken. */
    private String freeSlug(String brandName) {
        String base = brandName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (base.isEmpty()) {
            base = "practice";
        }
        // Registrations are rare: serialize them so two cannot pick the same free slug.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('practice-slug', 0))").query((ResultSet rs) -> {
        });
        Set<String> taken = new HashSet<>(jdbc.sql(
                "SELECT slug FROM practice WHERE slug = :base OR slug LIKE :prefix")
                .param("base", base).param("prefix", base + "-%").query(String.class).list());
        String slug = base;
        for (int n = 2; taken.contains(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    private static Practice practice(ResultSet rs, int rowNum) throws SQLException {
        return new Practice(new PracticeId(rs.getObject("id", UUID.class)), rs.getString("slug"), rs.getString("name"),
                rs.getString("brand_name"), Address.read(rs), rs.getString("default_language"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
