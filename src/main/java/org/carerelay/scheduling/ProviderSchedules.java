package org.carerelay.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.ProviderId;
import org.carerelay.practice.Providers;
import org.carerelay.shared.Caller;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** When providers work: their weekly templates, the dates that differ, and their time off. Changes are audited. */
@Service
public class ProviderSchedules {

    /** Longer than any leave a practice plans in one entry; a longer one is a typing error. */
    static final int MAX_TIME_OFF_DAYS = 366;

    private final JdbcClient jdbc;
    private final Providers providers;
    private final AuditLog auditLog;
    private final Clock clock;

    ProviderSchedules(JdbcClient jdbc, Providers providers, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.providers = providers;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** The provider's weekly template, by weekday and start. */
    @Transactional(readOnly = true)
    public List<WorkingHours> template(PracticeId practice, ProviderId provider) {
        providers.get(practice, provider);
        return jdbc.sql("SELECT * FROM provider_schedule WHERE practice_id = :practice AND provider_id = :provider "
                        + "ORDER BY weekday, starts_at, location_id")
                .param("practice", practice.value())
                .param("provider", provider.value())
                .query((rs, n) -> workingHours(rs))
                .list();
    }

    /** Replaces the provider's weekly template with {@code hours}, each at a location where they practise. */
    @Transactional
    public List<WorkingHours> replaceTemplate(Caller caller, ProviderId provider, List<WorkingHours> hours) {
        providers.get(caller.practice(), provider);
        for (int i = 0; i < hours.size(); i++) {
            validate(caller.practice(), provider, hours.get(i), "hours[" + i + "]");
        }
        jdbc.sql("DELETE FROM provider_schedule WHERE practice_id = :practice AND provider_id = :provider")
                .param("practice", caller.practice().value())
                .param("provider", provider.value())
                .update();
        Instant now = clock.instant();
        for (WorkingHours row : hours) {
            jdbc.sql("""
                    INSERT INTO provider_schedule (id, practice_id, provider_id, location_id, weekday, starts_at,
                                                   ends_at, valid_from, valid_until, created_at)
                    VALUES (:id, :practice, :provider, :location, :weekday, :start, :end, :from, :until, :now)""")
                    .param("id", UUID.randomUUID())
                    .param("practice", caller.practice().value())
                    .param("provider", provider.value())
                    .param("location", row.locationId())
                    .param("weekday", row.day().getValue())
                    .param("start", row.start())
                    .param("end", row.end())
                    .param("from", row.validFrom())
                    .param("until", row.validUntil())
                    .param("now", Timestamp.from(now))
                    .update();
        }
        auditLog.record(AuditEvent.of(caller, "schedule.template.replaced", AuditEvent.Target.of("provider",
                provider), Map.of("rows", hours.size())));
        return template(caller.practice(), provider);
    }

    @Transactional
    public TimeOff addTimeOff(Caller caller, ProviderId provider, Instant start, Instant end, String reason) {
        providers.get(caller.practice(), provider);
        if (!end.isAfter(start)) {
            throw new InvalidFieldException("end", "must be after start");
        }
        if (start.plus(java.time.Duration.ofDays(MAX_TIME_OFF_DAYS)).isBefore(end)) {
            throw new InvalidFieldException("end", "must be within " + MAX_TIME_OFF_DAYS + " days of start");
        }
        if (reason != null && reason.length() > 200) {
            throw new InvalidFieldException("reason", "must be at most 200 characters");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO provider_time_off (id, practice_id, provider_id, period, reason, created_at)
                VALUES (:id, :practice, :provider, tstzrange(:start, :end), :reason, :now)""")
                .param("id", id)
                .param("practice", caller.practice().value())
                .param("provider", provider.value())
                .param("start", Timestamp.from(start))
                .param("end", Timestamp.from(end))
                .param("reason", reason == null || reason.isBlank() ? null : reason.strip())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        auditLog.record(AuditEvent.of(caller, "schedule.time_off.added", AuditEvent.Target.of("provider", provider),
                Map.of("timeOff", id)));
        return new TimeOff(id, provider.value(), start, end, reason);
    }

    @Transactional
    public void removeTimeOff(Caller caller, ProviderId provider, UUID id) {
        remove(caller, provider, id, "provider_time_off", "Time off", "schedule.time_off.removed", "timeOff");
    }

    /** The provider's time off that overlaps {@code from}–{@code to}. */
    @Transactional(readOnly = true)
    public List<TimeOff> timeOff(PracticeId practice, Collection<ProviderId> providerIds, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT id, provider_id, lower(period) AS starts_at, upper(period) AS ends_at, reason
                FROM provider_time_off
                WHERE practice_id = :practice AND provider_id = ANY (:providers)
                  AND period && tstzrange(:from, :to)
                ORDER BY lower(period)""")
                .param("practice", practice.value())
                .param("providers", providerIds.stream().map(ProviderId::value).toArray(UUID[]::new))
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> new TimeOff(rs.getObject("id", UUID.class), rs.getObject("provider_id", UUID.class),
                        rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                        rs.getString("reason")))
                .list();
    }

    /** Sets how the provider works at a location on one date: other hours, or (no times) not at all. */
    @Transactional
    public ScheduleException addException(Caller caller, ProviderId provider, LocationId location, LocalDate date,
            LocalTime start, LocalTime end) {
        providers.get(caller.practice(), provider);
        if ((start == null) != (end == null)) {
            throw new InvalidFieldException(start == null ? "start" : "end",
                    "give both times, or neither for a day off");
        }
        if (start != null && !end.isAfter(start)) {
            throw new InvalidFieldException("end", "must be after start");
        }
        if (!providers.practisesAt(caller.practice(), provider, location)) {
            throw new InvalidFieldException("locationId", "the provider does not practise at this location");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO provider_schedule_exception (id, practice_id, provider_id, location_id, on_date,
                                                         starts_at, ends_at, created_at)
                VALUES (:id, :practice, :provider, :location, :date, :start, :end, :now)""")
                .param("id", id)
                .param("practice", caller.practice().value())
                .param("provider", provider.value())
                .param("location", location.value())
                .param("date", date)
                .param("start", start)
                .param("end", end)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        auditLog.record(AuditEvent.of(caller, "schedule.exception.added", AuditEvent.Target.of("provider",
                provider), Map.of("exception", id)));
        return new ScheduleException(id, provider.value(), location.value(), date, start, end);
    }

    /** Removes an exceptional date: the template holds for it again. */
    @Transactional
    public void removeException(Caller caller, ProviderId provider, UUID id) {
        remove(caller, provider, id, "provider_schedule_exception", "Schedule exception",
                "schedule.exception.removed", "exception");
    }

    /** Deletes one row of the provider's from {@code table} (a constant of this class), audited; 404 if none. */
    private void remove(Caller caller, ProviderId provider, UUID id, String table, String what, String action,
            String key) {
        int removed = jdbc.sql("DELETE FROM " + table + " WHERE id = :id AND practice_id = :practice "
                        + "AND provider_id = :provider")
                .param("id", id)
                .param("practice", caller.practice().value())
                .param("provider", provider.value())
                .update();
        if (removed == 0) {
            throw new NotFoundException(what);
        }
        auditLog.record(AuditEvent.of(caller, action, AuditEvent.Target.of("provider", provider), Map.of(key, id)));
    }

    /** The weekly templates of one provider or (null) all, at one location or (null) all. */
    List<ProviderRow<WorkingHours>> templates(PracticeId practice, ProviderId provider, LocationId location) {
        return jdbc.sql("SELECT * FROM provider_schedule WHERE practice_id = :practice "
                        + "AND (CAST(:provider AS uuid) IS NULL OR provider_id = :provider) "
                        + "AND (CAST(:location AS uuid) IS NULL OR location_id = :location)")
                .param("practice", practice.value())
                .param("provider", provider == null ? null : provider.value())
                .param("location", location == null ? null : location.value())
                .query((rs, n) -> new ProviderRow<>(new ProviderId(rs.getObject("provider_id", UUID.class)),
                        workingHours(rs)))
                .list();
    }

    /** The exceptions of {@code providerIds} from {@code from} to {@code to}, dates inclusive. */
    List<ScheduleException> exceptions(PracticeId practice, Collection<ProviderId> providerIds, LocalDate from,
            LocalDate to) {
        return jdbc.sql("SELECT * FROM provider_schedule_exception WHERE practice_id = :practice "
                        + "AND provider_id = ANY (:providers) AND on_date BETWEEN :from AND :to")
                .param("practice", practice.value())
                .param("providers", providerIds.stream().map(ProviderId::value).toArray(UUID[]::new))
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> new ScheduleException(rs.getObject("id", UUID.class),
                        rs.getObject("provider_id", UUID.class), rs.getObject("location_id", UUID.class),
                        rs.getObject("on_date", LocalDate.class), rs.getObject("starts_at", LocalTime.class),
                        rs.getObject("ends_at", LocalTime.class)))
                .list();
    }

    /** A row that belongs to a provider. */
    record ProviderRow<T>(ProviderId provider, T row) {
    }

    private void validate(PracticeId practice, ProviderId provider, WorkingHours hours, String field) {
        if (hours.locationId() == null || hours.day() == null || hours.start() == null || hours.end() == null) {
            throw new InvalidFieldException(field, "needs a locationId, a day, a start and an end");
        }
        if (!hours.end().isAfter(hours.start())) {
            throw new InvalidFieldException(field + ".end", "must be after start");
        }
        if (hours.validFrom() != null && hours.validUntil() != null && hours.validUntil().isBefore(hours.validFrom())) {
            throw new InvalidFieldException(field + ".validUntil", "must not be before validFrom");
        }
        if (!providers.practisesAt(practice, provider, new LocationId(hours.locationId()))) {
            throw new InvalidFieldException(field + ".locationId", "the provider does not practise at this location");
        }
    }

    private static WorkingHours workingHours(ResultSet rs) throws SQLException {
        return new WorkingHours(rs.getObject("location_id", UUID.class), DayOfWeek.of(rs.getInt("weekday")),
                rs.getObject("starts_at", LocalTime.class), rs.getObject("ends_at", LocalTime.class),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_until", LocalDate.class));
    }
}
