package org.carerelay.practice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.shared.Caller;
import org.carerelay.shared.ListPage;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Paging;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The practice's locations. */
@Service
public class Locations {

    private static final TypeReference<List<BusinessHours>> HOURS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final ContactNormalizer contacts;
    private final JsonMapper json;
    private final Clock clock;

    Locations(JdbcClient jdbc, AuditLog auditLog, ContactNormalizer contacts, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.contacts = contacts;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Location create(Caller caller, LocationDetails details) {
        LocationId id = LocationId.random();
        write(caller.practice(), id, details, """
                INSERT INTO location (id, practice_id, name, address_line1, address_line2, city, region, postal_code,
                                      country, phone, time_zone, business_hours, rooms, created_at, updated_at)
                VALUES (:id, :practice, :name, :line1, :line2, :city, :region, :postalCode, :country, :phone,
                        :timeZone, CAST(:hours AS jsonb), :rooms, :now, :now)""");
        auditLog.record(AuditEvent.of(caller, "location.created", AuditEvent.Target.of("location", id)));
        return get(caller.practice(), id);
    }

    @Transactional
    public Location update(Caller caller, LocationId id, LocationDetails details) {
        get(caller.practice(), id);
        write(caller.practice(), id, details, """
                UPDATE location SET name = :name, address_line1 = :line1, address_line2 = :line2, city = :city,
                       region = :region, postal_code = :postalCode, country = :country, phone = :phone,
                       time_zone = :timeZone, business_hours = CAST(:hours AS jsonb), rooms = :rooms,
                       updated_at = :now
                WHERE id = :id AND practice_id = :practice""");
        auditLog.record(AuditEvent.of(caller, "location.updated", AuditEvent.Target.of("location", id)));
        return get(caller.practice(), id);
    }

    @Transactional(readOnly = true)
    public Location get(PracticeId practice, LocationId id) {
        return jdbc.sql("SELECT * FROM location WHERE id = :id AND practice_id = :practice")
                .param("id", id.value())
                .param("practice", practice.value())
                .query(mapper())
                .optional()
                .orElseThrow(() -> new NotFoundException("Location"));
    }

    @Transactional(readOnly = true)
    public ListPage<Location> list(PracticeId practice, PageRequest page) {
        return Paging.page(jdbc, "*", "FROM location WHERE practice_id = :practice", "name, id",
                Map.of("practice", practice.value()), mapper(), page);
    }

    private void write(PracticeId practice, LocationId id, LocationDetails details, String sql) {
        String phone = details.phone() == null || details.phone().isBlank() ? null
                : contacts.phone(details.phone(), "phone");
        details.address().bind(jdbc.sql(sql))
                .param("id", id.value())
                .param("practice", practice.value())
                .param("name", details.name())
                .param("phone", phone)
                .param("timeZone", Codes.timeZone(details.timeZone(), "timeZone"))
                .param("hours", json.writeValueAsString(
                        details.businessHours() == null ? List.of() : details.businessHours()))
                .param("rooms", details.rooms())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    private RowMapper<Location> mapper() {
        return (ResultSet rs, int rowNum) -> new Location(new LocationId(rs.getObject("id", UUID.class)),
                rs.getString("name"), Address.read(rs), rs.getString("phone"), rs.getString("time_zone"),
                json.readValue(rs.getString("business_hours"), HOURS), rs.getObject("rooms", Integer.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
