package org.carerelay.practice;

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

/** The kinds of visit the practice offers. */
@Service
public class AppointmentTypes {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Providers providers;

    AppointmentTypes(JdbcClient jdbc, AuditLog auditLog, Clock clock, Providers providers) {
        this.jdbc = jdbc;
        this.providers = providers;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public AppointmentType create(Caller caller, AppointmentTypeDetails details) {
        AppointmentTypeId id = AppointmentTypeId.random();
        write(caller.practice(), id, details, """
                INSERT INTO appointment_type (id, practice_id, name, duration_minutes, modality, buffer_minutes,
                                              created_at, updated_at)
                VALUES (:id, :practice, :name, :duration, :modality, :buffer, :now, :now)""");
        auditLog.record(AuditEvent.of(caller, "appointment_type.created", AuditEvent.Target.of("appointment_type", id)));
        return get(caller.practice(), id);
    }

    @Transactional
    public AppointmentType update(Caller caller, AppointmentTypeId id, AppointmentTypeDetails details) {
        get(caller.practice(), id);
        write(caller.practice(), id, details, """
                UPDATE appointment_type SET name = :name, duration_minutes = :duration, modality = :modality,
                       buffer_minutes = :buffer, updated_at = :now
                WHERE id = :id AND practice_id = :practice""");
        auditLog.record(AuditEvent.of(caller, "appointment_type.updated", AuditEvent.Target.of("appointment_type", id)));
        return get(caller.practice(), id);
    }

    @Transactional(readOnly = true)
    public AppointmentType get(PracticeId practice, AppointmentTypeId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appointment_type t WHERE id = :id AND practice_id = :practice")
                .param("id", id.value())
                .param("practice", practice.value())
                .query(MAPPER)
                .optional()
                .orElseThrow(() -> new NotFoundException("Appointment type"));
    }

    @Transactional(readOnly = true)
    public ListPage<AppointmentType> list(PracticeId practice, PageRequest page) {
        return Paging.page(jdbc, COLUMNS, "FROM appointment_type t WHERE practice_id = :practice", "name, id",
                Map.of("practice", practice.value()), MAPPER, page);
    }

    private void write(PracticeId practice, AppointmentTypeId id, AppointmentTypeDetails details, String sql) {
        jdbc.sql(sql)
                .param("id", id.value())
                .param("practice", practice.value())
                .param("name", details.name())
                .param("duration", details.durationMinutes())
                .param("modality", details.modality().name())
                .param("buffer", details.buffer())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        List<UUID> offeredBy = details.providers();
        for (UUID provider : offeredBy) {
            NotFoundException.referencedBy("providerIds", () -> providers.get(practice, new ProviderId(provider)));
        }
        jdbc.sql("DELETE FROM appointment_type_provider WHERE appointment_type_id = :id").param("id", id.value())
                .update();
        for (UUID provider : offeredBy) {
            jdbc.sql("INSERT INTO appointment_type_provider (practice_id, appointment_type_id, provider_id) "
                            + "VALUES (:practice, :id, :provider)")
                    .param("practice", practice.value()).param("id", id.value()).param("provider", provider)
                    .update();
        }
    }

    /** The type's columns and the providers who offer it, in one row. */
    private static final String COLUMNS = "t.*, ARRAY(SELECT p.provider_id FROM appointment_type_provider p "
            + "WHERE p.appointment_type_id = t.id ORDER BY p.provider_id) AS provider_ids";

    private static final RowMapper<AppointmentType> MAPPER = (rs, rowNum) -> new AppointmentType(
            new AppointmentTypeId(rs.getObject("id", UUID.class)), rs.getString("name"),
            rs.getInt("duration_minutes"), Modality.valueOf(rs.getString("modality")), rs.getInt("buffer_minutes"),
            List.of((UUID[]) rs.getArray("provider_ids").getArray()), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant());
}
