package org.carerelay.practice;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.shared.Caller;
import org.carerelay.shared.ConflictException;
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

/** The practice's providers and where each practises. */
@Service
public class Providers {

    private static final String SELECT = "p.*, ARRAY(SELECT location_id FROM provider_location pl "
            + "WHERE pl.provider_id = p.id AND pl.practice_id = p.practice_id ORDER BY location_id) AS location_ids";

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final Locations locations;
    private final Clock clock;

    Providers(JdbcClient jdbc, AuditLog auditLog, Locations locations, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.locations = locations;
        this.clock = clock;
    }

    @Transactional
    public Provider create(Caller caller, ProviderDetails details) {
        ProviderId id = ProviderId.random();
        write(caller.practice(), id, details, """
                INSERT INTO provider (id, practice_id, given_name, family_name, credentials, npi, created_at, updated_at)
                VALUES (:id, :practice, :givenName, :familyName, :credentials, :npi, :now, :now)""");
        auditLog.record(AuditEvent.of(caller, "provider.created", AuditEvent.Target.of("provider", id)));
        return get(caller.practice(), id);
    }

    @Transactional
    public Provider update(Caller caller, ProviderId id, ProviderDetails details) {
        get(caller.practice(), id);
        write(caller.practice(), id, details, """
                UPDATE provider SET given_name = :givenName, family_name = :familyName, credentials = :credentials,
                       npi = :npi, updated_at = :now
                WHERE id = :id AND practice_id = :practice""");
        auditLog.record(AuditEvent.of(caller, "provider.updated", AuditEvent.Target.of("provider", id)));
        return get(caller.practice(), id);
    }

    @Transactional(readOnly = true)
    public Provider get(PracticeId practice, ProviderId id) {
        return jdbc.sql("SELECT " + SELECT + " FROM provider p WHERE p.id = :id AND p.practice_id = :practice")
                .param("id", id.value())
                .param("practice", practice.value())
                .query(MAPPER)
                .optional()
                .orElseThrow(() -> new NotFoundException("Provider"));
    }

    @Transactional(readOnly = true)
    public ListPage<Provider> list(PracticeId practice, PageRequest page) {
        return Paging.page(jdbc, SELECT, "FROM provider p WHERE p.practice_id = :practice",
                "p.family_name, p.given_name, p.id", Map.of("practice", practice.value()), MAPPER, page);
    }

    private void write(PracticeId practice, ProviderId id, ProviderDetails details, String sql) {
        String npi = details.npi() == null || details.npi().isBlank() ? null : Npi.check(details.npi(), "npi");
        var locationIds = new LinkedHashSet<>(details.locationIds());
        int index = 0;
        for (UUID location : locationIds) {
            NotFoundException.referencedBy("locationIds[" + index++ + "]",
                    () -> locations.get(practice, new LocationId(location)));
        }
        try {
            jdbc.sql(sql)
                    .param("id", id.value())
                    .param("practice", practice.value())
                    .param("givenName", details.givenName())
                    .param("familyName", details.familyName())
                    .param("credentials", details.credentials())
                    .param("npi", npi)
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Another provider of this practice has that NPI");
        }
        jdbc.sql("DELETE FROM provider_location WHERE provider_id = :id AND practice_id = :practice")
                .param("id", id.value())
                .param("practice", practice.value())
                .update();
        for (UUID location : locationIds) {
            jdbc.sql("INSERT INTO provider_location (practice_id, provider_id, location_id) "
                            + "VALUES (:practice, :provider, :location)")
                    .param("practice", practice.value())
                    .param("provider", id.value())
                    .param("location", location)
                    .update();
        }
    }

    private static final RowMapper<Provider> MAPPER = (rs, rowNum) -> new Provider(
            new ProviderId(rs.getObject("id", UUID.class)), rs.getString("given_name"), rs.getString("family_name"),
            rs.getString("credentials"), rs.getString("npi"),
            Arrays.stream((Object[]) rs.getArray("location_ids").getArray())
                    .map(location -> new LocationId((UUID) location))
                    .toList(),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

    /** Whether {@code provider} practises at {@code location}. */
    @Transactional(readOnly = true)
    public boolean practisesAt(PracticeId practice, ProviderId provider, LocationId location) {
        return jdbc.sql("SELECT EXISTS (SELECT FROM provider_location WHERE practice_id = :practice "
                        + "AND provider_id = :provider AND location_id = :location)")
                .param("practice", practice.value())
                .param("provider", provider.value())
                .param("location", location.value())
                .query(Boolean.class).single();
    }

}
