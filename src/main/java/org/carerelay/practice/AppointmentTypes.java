package org.carerelay.practice;

import java.sql.Timestamp;
import java.time.Clock;
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

    AppointmentTypes(JdbcClient jdbc, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public AppointmentType create(Caller caller, AppointmentTypeDetails details) {
        AppointmentTypeId id = AppointmentTypeId.random();
        write(caller.practice(), id, details, """
                INSERT INTO appointment_type (id, practice_id, name, duration_minutes, modality, created_at, updated_at)
                VALUES (:id, :practice, :name, :duration, :modality, :now, :now)""");
        auditLog.record(AuditEvent.of(caller, "appointment_type.created", AuditEvent.Target.of("appointment_type", id)));
        return get(caller.practice(), id);
    }

    @Transactional
    public AppointmentType update(Caller caller, AppointmentTypeId id, AppointmentTypeDetails details) {
        get(caller.practice(), id);
        write(caller.practice(), id, details, """
                UPDATE appointment_type SET name = :name, duration_minutes = :duration, modality = :modality,
                       updated_at = :now
                WHERE id = :id AND practice_id = :practice""");
        auditLog.record(AuditEvent.of(caller, "appointment_type.updated", AuditEvent.Target.of("appointment_type", id)));
        return get(caller.practice(), id);
    }

    @Transactional(readOnly = true)
    public AppointmentType get(PracticeId practice, AppointmentTypeId id) {
        return jdbc.sql("SELECT * FROM appointment_type WHERE id = :id AND practice_id = :practice")
                .param("id", id.value())
                .param("practice", practice.value())
                .query(MAPPER)
                .optional()
                .orElseThrow(() -> new NotFoundException("Appointment type"));
    }

    @Transactional(readOnly = true)
    public ListPage<AppointmentType> list(PracticeId practice, PageRequest page) {
        return Paging.page(jdbc, "*", "FROM appointment_type WHERE practice_id = :practice", "name, id",
                Map.of("practice", practice.value()), MAPPER, page);
    }

    private void write(PracticeId practice, AppointmentTypeId id, AppointmentTypeDetails details, String sql) {
        jdbc.sql(sql)
                .param("id", id.value())
                .param("practice", practice.value())
                .param("name", details.name())
                .param("duration", details.durationMinutes())
                .param("modality", details.modality().name())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    private static final RowMapper<AppointmentType> MAPPER = (rs, rowNum) -> new AppointmentType(
            new AppointmentTypeId(rs.getObject("id", UUID.class)), rs.getString("name"),
            rs.getInt("duration_minutes"), Modality.valueOf(rs.getString("modality")),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
}
