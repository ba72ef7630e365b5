package org.carerelay.practice;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The practice's patients. Every read of patient records on behalf of a caller is a PHI access and is
 * audited; {@link #find} is the unaudited read for other modules, which audit their own use.
 */
@Service
public class Patients {

    private static final String SELECT = """
            p.*, COALESCE(p.time_zone, ul.time_zone,
                          (SELECT time_zone FROM location f WHERE f.practice_id = p.practice_id
                           ORDER BY created_at, id LIMIT 1), 'UTC') AS effective_time_zone""";
    private static final String FROM = "FROM patient p LEFT JOIN location ul "
            + "ON ul.id = p.usual_location_id AND ul.practice_id = p.practice_id WHERE p.practice_id = :practice";

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final ContactPoints contactPoints;
    private final Locations locations;
    private final Providers providers;
    private final Practices practices;
    private final Clock clock;

    Patients(JdbcClient jdbc, AuditLog auditLog, ContactPoints contactPoints, Locations locations,
            Providers providers, Practices practices, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.contactPoints = contactPoints;
        this.locations = locations;
        this.providers = providers;
        this.practices = practices;
        this.clock = clock;
    }

    @Transactional
    public Patient register(Caller caller, PatientDetails details) {
        return register(caller.practice(), caller.actor(), details);
    }

    /** Registers a patient on behalf of {@code actor} (a caller, an import, the demo). */
    @Transactional
    public Patient register(PracticeId practice, Actor actor, PatientDetails details) {
        PatientId id = PatientId.random();
        write(practice, id, details, """
                INSERT INTO patient (id, practice_id, given_name, family_name, date_of_birth, mrn, sex,
                                     preferred_language, preferred_channel, time_zone, usual_location_id,
                                     usual_provider_id, created_at, updated_at)
                VALUES (:id, :practice, :givenName, :familyName, :dateOfBirth, :mrn, :sex, :language, :channel,
                        :timeZone, :usualLocation, :usualProvider, :now, :now)""");
        auditLog.record(new AuditEvent(practice, actor, "patient.registered", AuditEvent.Target.of("patient", id),
                null));
        List<NewContactPoint> contacts = details.contactPoints() == null ? List.of() : details.contactPoints();
        for (int i = 0; i < contacts.size(); i++) {
            try {
                contactPoints.add(practice, actor, id, contacts.get(i));
            } catch (InvalidFieldException e) {
                throw e.under("contactPoints[" + i + "]");
            }
        }
        return find(practice, id);
    }

    @Transactional
    public Patient update(Caller caller, PatientId id, PatientDetails details) {
        if (details.contactPoints() != null) {
            throw new InvalidFieldException("contactPoints",
                    "cannot be replaced; change contact points under /patients/{id}/contact-points");
        }
        find(caller.practice(), id);
        write(caller.practice(), id, details, """
                UPDATE patient SET given_name = :givenName, family_name = :familyName, date_of_birth = :dateOfBirth,
                       mrn = :mrn, sex = :sex, preferred_language = :language, preferred_channel = :channel,
                       time_zone = :timeZone, usual_location_id = :usualLocation, usual_provider_id = :usualProvider,
                       updated_at = :now
                WHERE id = :id AND practice_id = :practice""");
        auditLog.record(AuditEvent.of(caller, "patient.updated", AuditEvent.Target.of("patient", id)));
        return find(caller.practice(), id);
    }

    /** A patient's record, viewed by {@code caller}: a PHI access, audited. */
    @Transactional
    public Patient view(Caller caller, PatientId id) {
        Patient patient = find(caller.practice(), id);
        auditLog.record(AuditEvent.of(caller, "phi.patient.viewed", AuditEvent.Target.of("patient", id)));
        return patient;
    }

    /**
     * A page of patients, optionally only those whose name contains {@code query} or whose MRN is
     * {@code query}: a PHI access, audited with the ids of the patients returned.
     */
    @Transactional
    public ListPage<Patient> list(Caller caller, String query, PageRequest page) {
        Map<String, Object> params = new HashMap<>();
        params.put("practice", caller.practice().value());
        String from = FROM;
        if (query != null && !query.isBlank()) {
            from += " AND (p.mrn = :query OR lower(p.given_name || ' ' || p.family_name) LIKE :pattern"
                    + " OR lower(p.family_name || ', ' || p.given_name) LIKE :pattern)";
            params.put("query", query.trim());
            params.put("pattern", "%" + query.trim().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        ListPage<Patient> patients = withContactPoints(caller.practice(), Paging.page(jdbc, SELECT, from,
                "p.family_name, p.given_name, p.id", params, Patients::patient, page));
        auditLog.record(AuditEvent.of(caller, "phi.patients.listed", null,
                Map.of("patients", patients.items().stream().map(Patient::id).toList())));
        return patients;
    }

    /** A patient, read without an audit event: for modules that audit their own purpose. */
    @Transactional(readOnly = true)
    public Patient find(PracticeId practice, PatientId id) {
        Patient patient = jdbc.sql("SELECT " + SELECT + " " + FROM + " AND p.id = :id")
                .param("practice", practice.value())
                .param("id", id.value())
                .query(Patients::patient)
                .optional()
                .orElseThrow(() -> new NotFoundException("Patient"));
        return withContactPoints(practice, new ListPage<>(List.of(patient), 0, 1, 1)).items().get(0);
    }

    /**
     * The patients of {@code practice} among {@code ids}, with their contact points, in three queries; an id that is
     * no patient of the practice is absent from the map. Read without an audit event, as {@link #find}.
     */
    @Transactional(readOnly = true)
    public Map<PatientId, Patient> findAll(PracticeId practice, Collection<PatientId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Patient> found = jdbc.sql("SELECT " + SELECT + " " + FROM + " AND p.id IN (:ids)")
                .param("practice", practice.value())
                .param("ids", ids.stream().map(PatientId::value).distinct().toList())
                .query(Patients::patient)
                .list();
        Map<PatientId, Patient> byId = new HashMap<>();
        withContactPoints(practice, new ListPage<>(found, 0, found.size(), found.size())).items()
                .forEach(patient -> byId.put(patient.id(), patient));
        return byId;
    }

    /**
     * The names ("given family") of the patients of {@code practice} among {@code ids}, in one query: what a list
     * of conversations shows of each. Read without an audit event, as {@link #find}.
     */
    @Transactional(readOnly = true)
    public Map<PatientId, String> names(PracticeId practice, Collection<PatientId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<PatientId, String> names = new HashMap<>();
        jdbc.sql("SELECT id, given_name, family_name FROM patient WHERE practice_id = :practice AND id IN (:ids)")
                .param("practice", practice.value())
                .param("ids", ids.stream().map(PatientId::value).distinct().toList())
                .query(rs -> {
                    names.put(new PatientId(rs.getObject("id", UUID.class)),
                            rs.getString("given_name") + " " + rs.getString("family_name"));
                });
        return names;
    }

    /**
     * Patients whose given or family name begins with one of {@code prefixes} (two letters or more, any case), at
     * most {@code limit}: the candidates a fuzzy match then ranks. Read without an audit event; without contact
     * points.
     */
    @Transactional(readOnly = true)
    public List<Patient> namedLike(PracticeId practice, Collection<String> prefixes, int limit) {
        List<String> patterns = prefixes.stream().filter(prefix -> prefix.length() >= 2)
                .map(prefix -> prefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[%_\\\\]", "") + "%")
                .distinct().toList();
        if (patterns.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + SELECT + " " + FROM + " AND (lower(p.given_name) LIKE ANY (:patterns) "
                        + "OR lower(p.family_name) LIKE ANY (:patterns)) ORDER BY p.family_name, p.id LIMIT :limit")
                .param("practice", practice.value())
                .param("patterns", patterns.toArray(String[]::new))
                .param("limit", limit)
                .query(Patients::patient)
                .list();
    }

    /** {@code id}, after checking that it is a patient of {@code practice} (404 otherwise). */
    @Transactional(readOnly = true)
    public PatientId requireExists(PracticeId practice, PatientId id) {
        boolean exists = jdbc.sql("SELECT EXISTS (SELECT FROM patient WHERE id = :id AND practice_id = :practice)")
                .param("id", id.value())
                .param("practice", practice.value())
                .query(Boolean.class).single();
        if (!exists) {
            throw new NotFoundException("Patient");
        }
        return id;
    }

    private ListPage<Patient> withContactPoints(PracticeId practice, ListPage<Patient> page) {
        Map<UUID, List<ContactPoint>> contacts = contactPoints.forPatients(practice,
                page.items().stream().map(p -> p.id().value()).toList());
        return page.map(p -> new Patient(p.id(), p.givenName(), p.familyName(), p.dateOfBirth(), p.mrn(), p.sex(),
                p.preferredLanguage(), p.preferredChannel(), p.timeZone(), p.timeZoneOverride(), p.usualLocationId(),
                p.usualProviderId(), contacts.getOrDefault(p.id().value(), List.of()), p.createdAt(), p.updatedAt()));
    }

    private void write(PracticeId practice, PatientId id, PatientDetails details, String sql) {
        String language = details.preferredLanguage() == null
                ? practices.get(practice).defaultLanguage()
                : Codes.language(details.preferredLanguage(), "preferredLanguage");
        String timeZone = details.timeZone() == null ? null : Codes.timeZone(details.timeZone(), "timeZone");
        if (details.usualLocationId() != null) {
            NotFoundException.referencedBy("usualLocationId",
                    () -> locations.get(practice, new LocationId(details.usualLocationId())));
        }
        if (details.usualProviderId() != null) {
            NotFoundException.referencedBy("usualProviderId",
                    () -> providers.get(practice, new ProviderId(details.usualProviderId())));
        }
        if (details.dateOfBirth().getYear() < 1900) {
            throw new InvalidFieldException("dateOfBirth", "must be in 1900 or later");
        }
        try {
            jdbc.sql(sql)
                    .param("id", id.value())
                    .param("practice", practice.value())
                    .param("givenName", details.givenName())
                    .param("familyName", details.familyName())
                    .param("dateOfBirth", Date.valueOf(details.dateOfBirth()))
                    .param("mrn", details.mrn().trim())
                    .param("sex", details.sex().name())
                    .param("language", language)
                    .param("channel", (details.preferredChannel() == null
                            ? PreferredChannel.SMS : details.preferredChannel()).name())
                    .param("timeZone", timeZone)
                    .param("usualLocation", details.usualLocationId())
                    .param("usualProvider", details.usualProviderId())
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Another patient of this practice has that MRN");
        }
    }

    private static Patient patient(ResultSet rs, int rowNum) throws SQLException {
        UUID usualLocation = rs.getObject("usual_location_id", UUID.class);
        UUID usualProvider = rs.getObject("usual_provider_id", UUID.class);
        return new Patient(new PatientId(rs.getObject("id", UUID.class)), rs.getString("given_name"),
                rs.getString("family_name"), rs.getDate("date_of_birth").toLocalDate(), rs.getString("mrn"),
                Sex.valueOf(rs.getString("sex")), rs.getString("preferred_language"),
                PreferredChannel.valueOf(rs.getString("preferred_channel")), rs.getString("effective_time_zone"),
                rs.getString("time_zone"), usualLocation == null ? null : new LocationId(usualLocation),
                usualProvider == null ? null : new ProviderId(usualProvider), List.of(),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
