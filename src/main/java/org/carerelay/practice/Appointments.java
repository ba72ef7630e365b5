package org.carerelay.practice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Appointments: booking, changing and listing them. Reads for a caller are PHI accesses and audited. */
@Service
public class Appointments {

    private static final String SELECT = "a.*, l.time_zone";
    private static final String EXCLUSION_VIOLATION = "23P01";
    private static final String FROM = "FROM appointment a JOIN location l ON l.id = a.location_id "
            + "WHERE a.practice_id = :practice";

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final Patients patients;
    private final Providers providers;
    private final Locations locations;
    private final AppointmentTypes types;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Appointments(JdbcClient jdbc, AuditLog auditLog, Patients patients, Providers providers, Locations locations,
            AppointmentTypes types, ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.patients = patients;
        this.providers = providers;
        this.locations = locations;
        this.types = types;
        this.clock = clock;
    }

    /** Books an appointment for a caller: it starts out booked or confirmed, never in a later state. */
    @Transactional
    public Appointment book(Caller caller, AppointmentDetails details) {
        if (details.status() != null && details.status() != AppointmentStatus.BOOKED
                && details.status() != AppointmentStatus.CONFIRMED) {
            throw new InvalidFieldException("status", "a new appointment is booked or confirmed");
        }
        Appointment booked = insert(caller.practice(), caller.actor(), details);
        events.publishEvent(new AppointmentChanged(caller.practice(), booked.id(), caller.actor(), null,
                booked.status(), null, booked.start(), null, null, true));
        return booked;
    }

    /**
     * Books an appointment in any status: for imports and the demo, which record visits already past. The patient
     * is not told (the practice booked it elsewhere), though a visit still to come gets its reminders.
     */
    @Transactional
    public Appointment book(PracticeId practice, Actor actor, AppointmentDetails details) {
        Appointment booked = insert(practice, actor, details);
        events.publishEvent(new AppointmentChanged(practice, booked.id(), actor, null, booked.status(), null,
                booked.start(), null, null, false));
        return booked;
    }

    private Appointment insert(PracticeId practice, Actor actor, AppointmentDetails details) {
        NotFoundException.referencedBy("patientId",
                () -> patients.requireExists(practice, new PatientId(details.patientId())));
        Slot slot = slot(practice, details, null);
        AppointmentId id = AppointmentId.random();
        AppointmentStatus status = details.status() == null ? AppointmentStatus.BOOKED : details.status();
        notDoubleBooked(() -> jdbc.sql("""
                INSERT INTO appointment (id, practice_id, patient_id, provider_id, location_id, appointment_type_id,
                                         starts_at, ends_at, busy_until, status, created_at, updated_at)
                VALUES (:id, :practice, :patient, :provider, :location, :type, :start, :end, :busy, :status, :now,
                        :now)""")
                .param("id", id.value())
                .param("practice", practice.value())
                .param("patient", details.patientId())
                .param("provider", details.providerId())
                .param("location", details.locationId())
                .param("type", details.appointmentTypeId())
                .param("start", Timestamp.from(slot.start()))
                .param("end", Timestamp.from(slot.end()))
                .param("busy", Timestamp.from(slot.busyUntil()))
                .param("status", status.name())
                .param("now", Timestamp.from(clock.instant()))
                .update());
        auditLog.record(new AuditEvent(practice, actor, "appointment.booked", AuditEvent.Target.of("appointment", id),
                Map.of("patient", details.patientId(), "provider", details.providerId(), "status", status)));
        return find(practice, id);
    }

    @Transactional
    public Appointment update(Caller caller, AppointmentId id, AppointmentDetails details) {
        Appointment current = find(caller.practice(), id);
        if (!current.patientId().value().equals(details.patientId())) {
            throw new InvalidFieldException("patientId", "cannot change; book a new appointment for another patient");
        }
        AppointmentStatus status = details.status() == null ? current.status() : details.status();
        if (status != current.status() && !current.status().next().contains(status)) {
            throw new ConflictException("An appointment that is " + current.status().name().toLowerCase()
                    + " cannot become " + status.name().toLowerCase());
        }
        if (current.status().isFinal()) {
            throw new ConflictException("A " + current.status().name().toLowerCase()
                    + " appointment can no longer be changed");
        }
        if (status != current.status()) {
            current.tooEarlyFor(status, clock.instant()).ifPresent(reason -> {
                throw new ConflictException(reason);
            });
        }
        Slot slot = slot(caller.practice(), details, current);
        // A patient cancelling themselves gives their reason by doing it; staff give theirs through cancel().
        CancelReason reason = caller.actor().type() == Actor.Type.PATIENT ? CancelReason.PATIENT_REQUEST : null;
        notDoubleBooked(() -> jdbc.sql("""
                UPDATE appointment SET provider_id = :provider, location_id = :location, appointment_type_id = :type,
                       starts_at = :start, ends_at = :end, busy_until = :busy, status = :status, updated_at = :now,
                       previous_status = CASE WHEN status <> :status THEN status ELSE previous_status END,
                       status_changed_at = CASE WHEN status <> :status THEN :now ELSE status_changed_at END,
                       cancel_reason = CASE WHEN :status = 'CANCELLED' AND status <> 'CANCELLED' THEN :reason
                                            ELSE cancel_reason END
                WHERE id = :id AND practice_id = :practice""")
                .param("provider", details.providerId())
                .param("location", details.locationId())
                .param("type", details.appointmentTypeId())
                .param("start", Timestamp.from(slot.start()))
                .param("end", Timestamp.from(slot.end()))
                .param("busy", Timestamp.from(slot.busyUntil()))
                .param("status", status.name())
                .param("now", Timestamp.from(clock.instant()))
                .param("reason", reason == null ? null : reason.name(), java.sql.Types.VARCHAR)
                .param("id", id.value())
                .param("practice", caller.practice().value())
                .update());
        auditLog.record(AuditEvent.of(caller, "appointment.updated", AuditEvent.Target.of("appointment", id),
                Map.of("status", status, "from", current.status(),
                        "rescheduled", !slot.start().equals(current.start()))));
        Appointment updated = find(caller.practice(), id);
        events.publishEvent(new AppointmentChanged(caller.practice(), id, caller.actor(), current.status(),
                updated.status(), current.start(), updated.start(), current.providerId(), current.locationId(), true));
        return updated;
    }

    /**
     * Cancels a visit for a member of staff, with their {@code reason}; {@code tellPatient}: whether the patient is
     * sent the cancellation (a visit booked in error may be cancelled quietly).
     */
    @Transactional
    public Appointment cancel(Caller caller, AppointmentId id, CancelReason reason, boolean tellPatient) {
        Appointment current = find(caller.practice(), id);
        if (!current.status().next().contains(AppointmentStatus.CANCELLED)) {
            throw new ConflictException("An appointment that is " + current.status().name().toLowerCase()
                    + " cannot be cancelled");
        }
        int cancelled = jdbc.sql("""
                UPDATE appointment SET status = 'CANCELLED', previous_status = status, status_changed_at = :now,
                       cancel_reason = :reason, updated_at = :now
                WHERE id = :id AND practice_id = :practice AND status = :from""")
                .param("now", Timestamp.from(clock.instant()))
                .param("reason", reason.name())
                .param("id", id.value())
                .param("practice", caller.practice().value())
                .param("from", current.status().name())
                .update();
        if (cancelled == 0) {
            throw new ConflictException("The appointment changed meanwhile; look at it again");
        }
        auditLog.record(AuditEvent.of(caller, "appointment.updated", AuditEvent.Target.of("appointment", id),
                Map.of("status", AppointmentStatus.CANCELLED, "from", current.status(), "reason", reason,
                        "patientTold", tellPatient)));
        events.publishEvent(new AppointmentChanged(caller.practice(), id, caller.actor(), current.status(),
                AppointmentStatus.CANCELLED, current.start(), current.start(), current.providerId(),
                current.locationId(), tellPatient));
        return find(caller.practice(), id);
    }

    /**
     * Takes back a check-in or a no-show made today (in the location's zone): the visit returns to the state it was
     * in. The patient is not told; nothing was said to them when it was marked.
     */
    @Transactional
    public Appointment undoStatus(Caller caller, AppointmentId id) {
        Appointment current = find(caller.practice(), id);
        if (!undoable(caller.practice(), List.of(current)).contains(id)) {
            throw new ConflictException("Only a check-in or a no-show marked today can be undone");
        }
        AppointmentStatus previous = jdbc.sql("""
                UPDATE appointment SET status = previous_status, previous_status = NULL, status_changed_at = :now,
                       updated_at = :now
                WHERE id = :id AND practice_id = :practice AND status = :from
                RETURNING status""")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id.value())
                .param("practice", caller.practice().value())
                .param("from", current.status().name())
                .query((rs, n) -> AppointmentStatus.valueOf(rs.getString("status")))
                .optional()
                .orElseThrow(() -> new ConflictException("The appointment changed meanwhile; look at it again"));
        auditLog.record(AuditEvent.of(caller, "appointment.status-undone", AuditEvent.Target.of("appointment", id),
                Map.of("status", previous, "from", current.status())));
        events.publishEvent(new AppointmentChanged(caller.practice(), id, caller.actor(), current.status(), previous,
                current.start(), current.start(), current.providerId(), current.locationId(), false));
        return find(caller.practice(), id);
    }

    /** Of {@code visits}, those whose check-in or no-show was marked today in their location's zone. */
    @Transactional(readOnly = true)
    public java.util.Set<AppointmentId> undoable(PracticeId practice, Collection<Appointment> visits) {
        if (visits.isEmpty()) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(jdbc.sql("""
                SELECT a.id FROM appointment a JOIN location l ON l.id = a.location_id
                WHERE a.practice_id = :practice AND a.id = ANY (:ids)
                  AND a.status IN ('CHECKED_IN', 'NO_SHOW') AND a.previous_status IN ('BOOKED', 'CONFIRMED')
                  AND (a.status_changed_at AT TIME ZONE l.time_zone)::date
                      = (CAST(:now AS timestamptz) AT TIME ZONE l.time_zone)::date""")
                .param("practice", practice.value())
                .param("ids", visits.stream().map(visit -> visit.id().value()).toArray(UUID[]::new))
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new AppointmentId(rs.getObject("id", UUID.class)))
                .list());
    }

    /** An appointment viewed by {@code caller}: a PHI access, audited. */
    @Transactional
    public Appointment view(Caller caller, AppointmentId id) {
        Appointment appointment = find(caller.practice(), id);
        auditLog.record(AuditEvent.of(caller, "phi.appointment.viewed", AuditEvent.Target.of("appointment", id)));
        return appointment;
    }

    /** A page of appointments in start order: a PHI access, audited with the ids returned. */
    @Transactional
    public ListPage<Appointment> list(Caller caller, AppointmentFilter filter, PageRequest page) {
        Map<String, Object> params = new HashMap<>();
        params.put("practice", caller.practice().value());
        StringBuilder from = new StringBuilder(FROM);
        if (filter.from() != null) {
            from.append(" AND a.starts_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            from.append(" AND a.starts_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        condition(from, params, "a.patient_id", "patient", filter.patientId());
        condition(from, params, "a.provider_id", "provider", filter.providerId());
        condition(from, params, "a.location_id", "location", filter.locationId());
        if (filter.status() != null) {
            from.append(" AND a.status = :status");
            params.put("status", filter.status().name());
        }
        ListPage<Appointment> appointments = Paging.page(jdbc, SELECT, from.toString(), "a.starts_at, a.id", params,
                Appointments::appointment, page);
        auditLog.record(AuditEvent.of(caller, "phi.appointments.listed", null,
                Map.of("appointments", appointments.items().stream().map(Appointment::id).toList())));
        return appointments;
    }

    /**
     * The time live appointments hold between {@code from} and {@code to}: those of {@code providers}, and the
     * in-person ones at {@code locations} (which hold rooms). No patient is named: not a PHI access.
     */
    @Transactional(readOnly = true)
    public List<BusyPeriod> busy(PracticeId practice, Collection<ProviderId> providers,
            Collection<LocationId> locations, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT a.provider_id, a.location_id, a.starts_at, a.ends_at, a.busy_until,
                       t.modality = 'IN_PERSON' AS in_person
                FROM appointment a JOIN appointment_type t ON t.id = a.appointment_type_id
                WHERE a.practice_id = :practice AND a.status IN ('BOOKED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED')
                  AND a.starts_at < :to AND a.busy_until > :from
                  AND (a.provider_id = ANY (:providers) OR (a.location_id = ANY (:locations)
                                                           AND t.modality = 'IN_PERSON'))""")
                .param("practice", practice.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("providers", providers.stream().map(ProviderId::value).toArray(UUID[]::new))
                .param("locations", locations.stream().map(LocationId::value).toArray(UUID[]::new))
                .query((rs, n) -> new BusyPeriod(new ProviderId(rs.getObject("provider_id", UUID.class)),
                        new LocationId(rs.getObject("location_id", UUID.class)),
                        rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                        rs.getTimestamp("busy_until").toInstant(), rs.getBoolean("in_person")))
                .list();
    }

    /**
     * A patient's booked or confirmed visits starting between {@code from} and {@code to}, soonest first: what a
     * patient's reply to a reminder can be about. Not a PHI access by itself; what the caller does with it is.
     */
    @Transactional(readOnly = true)
    public List<Appointment> upcoming(PracticeId practice, PatientId patient, Instant from, Instant to) {
        return jdbc.sql("SELECT " + SELECT + " " + FROM + " AND a.patient_id = :patient "
                        + "AND a.status IN ('BOOKED', 'CONFIRMED') AND a.starts_at > :from AND a.starts_at < :to "
                        + "ORDER BY a.starts_at, a.id")
                .param("practice", practice.value())
                .param("patient", patient.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(Appointments::appointment)
                .list();
    }

    @Transactional(readOnly = true)
    public Appointment find(PracticeId practice, AppointmentId id) {
        return jdbc.sql("SELECT " + SELECT + " " + FROM + " AND a.id = :id")
                .param("practice", practice.value())
                .param("id", id.value())
                .query(Appointments::appointment)
                .optional()
                .orElseThrow(() -> new NotFoundException("Appointment"));
    }

    /**
     * Where and when the appointment takes place. A provider must practise at the location when the appointment
     * is booked or moved there; an appointment already there keeps its place when only its status changes. A
     * missing end is the start plus the type's duration, except for an unmoved appointment, which keeps its own.
     */
    private Slot slot(PracticeId practice, AppointmentDetails details, Appointment current) {
        ProviderId provider = NotFoundException.referencedBy("providerId",
                () -> providers.get(practice, new ProviderId(details.providerId()))).id();
        LocationId location = NotFoundException.referencedBy("locationId",
                () -> locations.get(practice, new LocationId(details.locationId()))).id();
        AppointmentType type = NotFoundException.referencedBy("appointmentTypeId",
                () -> types.get(practice, new AppointmentTypeId(details.appointmentTypeId())));
        boolean placed = current != null && current.providerId().equals(provider)
                && current.locationId().equals(location);
        if (!placed && !providers.practisesAt(practice, provider, location)) {
            throw new InvalidFieldException("providerId", "does not practise at this location");
        }
        Instant start = withinRange(details.start(), "start");
        Instant end;
        if (details.end() != null) {
            end = withinRange(details.end(), "end");
        } else if (current != null && start.equals(current.start()) && type.id().equals(current.appointmentTypeId())) {
            end = current.end();
        } else {
            end = start.plusSeconds(type.durationMinutes() * 60L);
        }
        if (!end.isAfter(start)) {
            throw new InvalidFieldException("end", "must be after start");
        }
        return new Slot(start, end, end.plusSeconds(type.bufferMinutes() * 60L));
    }

    /** Runs a write of an appointment's time; the exclusion constraint's refusal becomes {@link SlotTakenException}. */
    private static void notDoubleBooked(Runnable write) {
        try {
            write.run();
        } catch (DataIntegrityViolationException e) {
            if (e.getMostSpecificCause() instanceof SQLException sql && EXCLUSION_VIOLATION.equals(sql.getSQLState())) {
                throw new SlotTakenException();
            }
            throw e;
        }
    }

    /** A date-time between the years 1900 and 9999: what both PostgreSQL and a calendar can hold. */
    public static Instant withinRange(OffsetDateTime time, String field) {
        if (time.getYear() < 1900 || time.getYear() > 9999) {
            throw new InvalidFieldException(field, "must be between the years 1900 and 9999");
        }
        return time.toInstant();
    }

    private static void condition(StringBuilder from, Map<String, Object> params, String column, String name,
            UUID value) {
        if (value != null) {
            from.append(" AND ").append(column).append(" = :").append(name);
            params.put(name, value);
        }
    }

    private static Appointment appointment(ResultSet rs, int rowNum) throws SQLException {
        ZoneId zone = ZoneId.of(rs.getString("time_zone"));
        Instant start = rs.getTimestamp("starts_at").toInstant();
        Instant end = rs.getTimestamp("ends_at").toInstant();
        return new Appointment(new AppointmentId(rs.getObject("id", UUID.class)),
                new PatientId(rs.getObject("patient_id", UUID.class)),
                new ProviderId(rs.getObject("provider_id", UUID.class)),
                new LocationId(rs.getObject("location_id", UUID.class)),
                new AppointmentTypeId(rs.getObject("appointment_type_id", UUID.class)), start, end, zone.getId(),
                start.atZone(zone).toOffsetDateTime(), end.atZone(zone).toOffsetDateTime(),
                AppointmentStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private record Slot(Instant start, Instant end, Instant busyUntil) {
    }
}
