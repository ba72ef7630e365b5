package org.carerelay.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentChanged;
import org.carerelay.practice.AppointmentDetails;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.AppointmentStatus;
import org.carerelay.practice.AppointmentTypeId;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.Locations;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.practice.ProviderId;
import org.carerelay.practice.Providers;
import org.carerelay.practice.SlotTakenException;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The waitlist and its backfill. When a visit is cancelled or moved (once that has committed), its slot is offered
 * to the first {@value #OFFERED_TO} patients waiting for that kind of visit there, each by a one-tap claim link
 * ({@code /w/<token>}); the first to claim gets the slot (a row lock on the offer decides), the others are told
 * it is gone and stay on the waitlist. A patient waiting to move their visit earlier has it moved, which frees
 * their old slot for the next patient in turn.
 */
@Service
public class Waitlist {

    /** How many waiting patients one freed slot is offered to at once. */
    static final int OFFERED_TO = 5;
    /** A slot starting sooner than this after it is freed is not offered: nobody could make it. */
    static final Duration LEAD = Duration.ofHours(1);
    private static final Actor ACTOR = Actor.system("waitlist");

    /** What came of a claim. */
    public enum Claim {
        CLAIMED,
        /** Another patient claimed it first, or it was taken otherwise, or the time passed. */
        GONE,
        /** The patient's entry was filled or withdrawn meanwhile. */
        NOT_WAITING
    }

    /** A claim link opened: the slot offered and where the offer stands. */
    public record Offer(PracticeId practice, UUID offerId, UUID entryId, PatientId patient, AppointmentTypeId type,
            Slot slot, boolean open, boolean claimedByThisPatient) {
    }

    private final JdbcClient jdbc;
    private final Appointments appointments;
    private final AppointmentTypes types;
    private final Patients patients;
    private final Availability availability;
    private final Locations locations;
    private final Providers providers;
    private final AppointmentMessages messages;
    private final AuditLog auditLog;
    private final String baseUrl;
    private final Clock clock;

    Waitlist(JdbcClient jdbc, Appointments appointments, AppointmentTypes types, Patients patients,
            Availability availability, Locations locations, Providers providers, AppointmentMessages messages,
            AuditLog auditLog,
            @org.springframework.beans.factory.annotation.Value("${carerelay.public-base-url}") String publicBaseUrl,
            Clock clock) {
        this.jdbc = jdbc;
        this.appointments = appointments;
        this.types = types;
        this.patients = patients;
        this.availability = availability;
        this.locations = locations;
        this.providers = providers;
        this.messages = messages;
        this.auditLog = auditLog;
        this.baseUrl = publicBaseUrl.replaceAll("/+$", "") + "/w/";
        this.clock = clock;
    }

    /**
     * Puts a patient on the waitlist. For a visit they want earlier, the same visit twice is one entry.
     */
    @Transactional
    public WaitlistEntry join(Caller caller, WaitlistRequest request) {
        PracticeId practice = caller.practice();
        NotFoundException.referencedBy("patientId", () -> patients.requireExists(practice,
                new PatientId(request.patientId())));
        UUID type = request.appointmentTypeId();
        UUID location = request.locationId();
        UUID provider = request.providerId();
        Instant before = request.wantedBefore() == null ? null
                : Appointments.withinRange(request.wantedBefore(), "wantedBefore");
        if (request.appointmentId() != null) {
            Appointment current = NotFoundException.referencedBy("appointmentId", () -> appointments.find(practice,
                    new AppointmentId(request.appointmentId())));
            if (!current.patientId().value().equals(request.patientId())) {
                throw new InvalidFieldException("appointmentId", "is another patient's appointment");
            }
            if (!AppointmentMessages.upcoming(current, clock.instant())) {
                throw new InvalidFieldException("appointmentId", "is not a booked visit still to come");
            }
            Optional<WaitlistEntry> waiting = jdbc.sql("SELECT * FROM waitlist_entry WHERE practice_id = :p "
                            + "AND appointment_id = :a AND status = 'WAITING'")
                    .param("p", practice.value()).param("a", request.appointmentId())
                    .query(Waitlist::entry).optional();
            if (waiting.isPresent()) {
                return waiting.get();
            }
            type = type != null ? type : current.appointmentTypeId().value();
            location = location != null ? location : current.locationId().value();
            before = before != null && before.isBefore(current.start()) ? before : current.start();
        }
        if (type == null) {
            throw new InvalidFieldException("appointmentTypeId", "is required without an appointmentId");
        }
        UUID typeId = type;
        NotFoundException.referencedBy("appointmentTypeId", () -> types.get(practice, new AppointmentTypeId(typeId)));
        if (location != null) {
            UUID locationId = location;
            NotFoundException.referencedBy("locationId", () -> locations.get(practice, new LocationId(locationId)));
        }
        if (provider != null) {
            NotFoundException.referencedBy("providerId", () -> providers.get(practice, new ProviderId(provider)));
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        // A double submit for one visit: the second insert finds the first's row and is dropped.
        int inserted = jdbc.sql("""
                INSERT INTO waitlist_entry (id, practice_id, patient_id, appointment_type_id, location_id, provider_id,
                                            appointment_id, wanted_before, status, created_at, updated_at)
                VALUES (:id, :p, :patient, :type, :location, :provider, :appointment, :before, 'WAITING', :now,
                        :now)
                ON CONFLICT (appointment_id) WHERE status = 'WAITING' DO NOTHING""")
                .param("id", id).param("p", practice.value()).param("patient", request.patientId())
                .param("type", type).param("location", location).param("provider", provider)
                .param("appointment", request.appointmentId())
                .param("before", before == null ? null : Timestamp.from(before))
                .param("now", now)
                .update();
        if (inserted == 0) {
            return jdbc.sql("SELECT * FROM waitlist_entry WHERE practice_id = :p AND appointment_id = :a "
                            + "AND status = 'WAITING'")
                    .param("p", practice.value()).param("a", request.appointmentId())
                    .query(Waitlist::entry).single();
        }
        auditLog.record(AuditEvent.of(caller, "waitlist.joined", AuditEvent.Target.of("waitlist_entry", id),
                Map.of("patient", request.patientId())));
        return find(practice, id);
    }

    /** The practice's waiting entries, oldest first: a PHI access (it names patients), audited. */
    @Transactional
    public List<WaitlistEntry> waiting(Caller caller) {
        List<WaitlistEntry> entries = jdbc.sql("SELECT * FROM waitlist_entry WHERE practice_id = :p "
                        + "AND status = 'WAITING' ORDER BY created_at, id")
                .param("p", caller.practice().value())
                .query(Waitlist::entry).list();
        auditLog.record(AuditEvent.of(caller, "phi.waitlist.listed", null,
                Map.of("entries", entries.stream().map(WaitlistEntry::id).toList())));
        return entries;
    }

    @Transactional
    public void withdraw(Caller caller, UUID id) {
        WaitlistEntry entry = find(caller.practice(), id);
        if (entry.status() == WaitlistEntry.Status.WAITING) {
            jdbc.sql("UPDATE waitlist_entry SET status = 'WITHDRAWN', updated_at = :now WHERE id = :id")
                    .param("now", Timestamp.from(clock.instant())).param("id", id).update();
            auditLog.record(AuditEvent.of(caller, "waitlist.withdrawn", AuditEvent.Target.of("waitlist_entry", id)));
        }
    }

    /** A visit cancelled, or moved to another time or provider, frees the slot it held: offer it. */
    @ApplicationModuleListener
    void on(AppointmentChanged changed) {
        if (!changed.booked()) {
            backfill(changed.practice(), changed.appointment(), changed.previousStart(), changed.previousProvider(),
                    changed.previousLocation());
        }
    }

    /**
     * Offers the slot {@code appointment} held at {@code freedStart} with {@code provider} at {@code location}
     * (before it moved, perhaps to another provider), if it is open and someone waits for it.
     */
    @Transactional
    public void backfill(PracticeId practice, AppointmentId appointment, Instant freedStart, ProviderId provider,
            LocationId location) {
        Appointment freed = appointments.find(practice, appointment);
        if (freedStart == null || provider == null || freedStart.isBefore(clock.instant().plus(LEAD))) {
            return;
        }
        boolean stillHeld = AppointmentMessages.upcoming(freed, clock.instant()) && freed.start().equals(freedStart)
                && freed.providerId().equals(provider) && freed.locationId().equals(location);
        if (stillHeld) {
            return; // only its status changed (confirmed): nothing was freed
        }
        Optional<Slot> slot = availability.search(practice, new Availability.Query(freed.appointmentTypeId(),
                        location, provider, freedStart.minus(Duration.ofDays(1)),
                        freedStart.plus(Duration.ofDays(1)))).stream()
                .filter(open -> open.start().equals(freedStart))
                .findFirst();
        if (slot.isEmpty()) {
            return; // taken again meanwhile, or outside the provider's hours now
        }
        List<WaitlistEntry> waiting = jdbc.sql("""
                SELECT * FROM waitlist_entry
                WHERE practice_id = :p AND status = 'WAITING' AND appointment_type_id = :type
                  AND (location_id IS NULL OR location_id = :location)
                  AND (provider_id IS NULL OR provider_id = :provider)
                  AND (wanted_before IS NULL OR wanted_before > :start)
                  AND (appointment_id IS NULL OR appointment_id <> :freed)
                ORDER BY created_at, id
                LIMIT :n""")
                .param("p", practice.value())
                .param("type", freed.appointmentTypeId().value())
                .param("location", location.value())
                .param("provider", provider.value())
                .param("start", Timestamp.from(freedStart))
                .param("freed", appointment.value())
                .param("n", OFFERED_TO)
                .query(Waitlist::entry).list();
        if (waiting.isEmpty()) {
            return;
        }
        UUID offer = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO waitlist_offer (id, practice_id, appointment_type_id, provider_id, location_id, starts_at,
                                            status, created_at)
                VALUES (:id, :p, :type, :provider, :location, :start, 'OPEN', :now)""")
                .param("id", offer).param("p", practice.value())
                .param("type", freed.appointmentTypeId().value())
                .param("provider", slot.get().providerId()).param("location", slot.get().locationId())
                .param("start", Timestamp.from(freedStart)).param("now", now)
                .update();
        for (WaitlistEntry entry : waiting) {
            String token = LinkTokens.random();
            jdbc.sql("""
                    INSERT INTO waitlist_offer_link (token_hash, practice_id, offer_id, entry_id, expires_at,
                                                     created_at)
                    VALUES (:hash, :p, :offer, :entry, :expires, :now)""")
                    .param("hash", LinkTokens.hash(token)).param("p", practice.value()).param("offer", offer)
                    .param("entry", entry.id()).param("expires", Timestamp.from(freedStart)).param("now", now)
                    .update();
            messages.waitlistOffer(practice, new PatientId(entry.patientId()), offer, slot.get(),
                    freed.appointmentTypeId(), baseUrl + token);
        }
        auditLog.record(new AuditEvent(practice, ACTOR, "waitlist.slot.offered", AuditEvent.Target.of(
                "waitlist_offer", offer), Map.of("freedBy", appointment, "entries",
                waiting.stream().map(WaitlistEntry::id).toList())));
    }

    /** The offer a claim link stands for; empty for a token never issued. */
    @Transactional(readOnly = true)
    public Optional<Offer> offer(String token) {
        if (token == null || token.length() > LinkTokens.MAX_LENGTH) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.sql("""
                SELECT o.*, l.entry_id, l.expires_at, e.patient_id FROM waitlist_offer_link l
                JOIN waitlist_offer o ON o.id = l.offer_id JOIN waitlist_entry e ON e.id = l.entry_id
                WHERE l.token_hash = :hash""")
                .param("hash", LinkTokens.hash(token))
                .query((rs, n) -> {
                    UUID entry = rs.getObject("entry_id", UUID.class);
                    UUID claimedBy = rs.getObject("claimed_by", UUID.class);
                    Instant start = rs.getTimestamp("starts_at").toInstant();
                    return new Offer(new PracticeId(rs.getObject("practice_id", UUID.class)),
                            rs.getObject("id", UUID.class), entry,
                            new PatientId(rs.getObject("patient_id", UUID.class)),
                            new AppointmentTypeId(rs.getObject("appointment_type_id", UUID.class)),
                            new Slot(start, start, rs.getObject("provider_id", UUID.class),
                                    rs.getObject("location_id", UUID.class)),
                            rs.getString("status").equals("OPEN")
                                    && now.isBefore(rs.getTimestamp("expires_at").toInstant()),
                            entry.equals(claimedBy));
                })
                .optional();
    }

    /**
     * Claims the offer for the link's patient: books the slot, or moves their visit to it. Of patients claiming
     * at once, the first to lock the offer gets it. Empty for an unknown token.
     */
    @Transactional
    public Optional<Claim> claim(String token) {
        Optional<Offer> found = offer(token);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Offer offer = found.get();
        // The offer's row lock decides between patients; the entry's, between two of one patient's offers at once.
        Map<String, Object> locked = jdbc.sql("SELECT status, claimed_by FROM waitlist_offer WHERE id = :id FOR UPDATE")
                .param("id", offer.offerId()).query().singleRow();
        if (offer.entryId().equals(locked.get("claimed_by"))) {
            return Optional.of(Claim.CLAIMED); // pressed twice
        }
        if (!locked.get("status").equals("OPEN") || !offer.slot().start().isAfter(clock.instant())) {
            return Optional.of(Claim.GONE);
        }
        jdbc.sql("SELECT id FROM waitlist_entry WHERE id = :id FOR UPDATE").param("id", offer.entryId())
                .query(UUID.class).single();
        WaitlistEntry entry = find(offer.practice(), offer.entryId());
        if (entry.status() != WaitlistEntry.Status.WAITING) {
            return Optional.of(Claim.NOT_WAITING);
        }
        Caller patient = new Caller(offer.practice(), new Actor(Actor.Type.PATIENT, entry.patientId().toString()),
                "PATIENT", Set.of());
        AppointmentId booked;
        try {
            booked = bookInSavepoint(patient, entry, offer);
        } catch (SlotTakenException e) {
            close(offer, "GONE", null, null);
            auditLog.record(AuditEvent.of(patient, "waitlist.slot.gone", AuditEvent.Target.of("waitlist_offer",
                    offer.offerId()), Map.of("entry", entry.id())));
            return Optional.of(Claim.GONE);
        }
        close(offer, "CLAIMED", entry.id(), booked);
        jdbc.sql("UPDATE waitlist_entry SET status = 'FILLED', updated_at = :now WHERE id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", entry.id()).update();
        auditLog.record(AuditEvent.of(patient, "waitlist.slot.claimed", AuditEvent.Target.of("waitlist_offer",
                offer.offerId()), Map.of("entry", entry.id(), "appointment", booked)));
        return Optional.of(Claim.CLAIMED);
    }

    /** The patient's visit moved to the slot when they were waiting to bring it forward; otherwise a new one. */
    private AppointmentId bookInSavepoint(Caller patient, WaitlistEntry entry, Offer offer) {
        AppointmentId[] booked = new AppointmentId[1];
        auditLog.withinSavepoint(() -> {
            Optional<Appointment> current = Optional.ofNullable(entry.appointmentId())
                    .map(id -> appointments.find(offer.practice(), new AppointmentId(id)))
                    .filter(appointment -> AppointmentMessages.upcoming(appointment, clock.instant()));
            AppointmentDetails details = new AppointmentDetails(entry.patientId(), offer.slot().providerId(),
                    offer.slot().locationId(), offer.type().value(),
                    offer.slot().start().atOffset(java.time.ZoneOffset.UTC), null, AppointmentStatus.CONFIRMED);
            booked[0] = current.isPresent()
                    ? appointments.update(patient, current.get().id(), details).id()
                    : appointments.book(patient, details).id();
        });
        return booked[0];
    }

    /** Closes the offer and tells every other patient it was offered to that it is gone. */
    private void close(Offer offer, String status, UUID claimedBy, AppointmentId appointment) {
        jdbc.sql("UPDATE waitlist_offer SET status = :status, claimed_by = :entry, appointment_id = :appointment, "
                        + "closed_at = :now WHERE id = :id")
                .param("status", status).param("entry", claimedBy)
                .param("appointment", appointment == null ? null : appointment.value())
                .param("now", Timestamp.from(clock.instant())).param("id", offer.offerId())
                .update();
        List<UUID> others = jdbc.sql("SELECT e.patient_id FROM waitlist_offer_link l "
                        + "JOIN waitlist_entry e ON e.id = l.entry_id WHERE l.offer_id = :offer "
                        + "AND (CAST(:entry AS uuid) IS NULL OR l.entry_id <> :entry)")
                .param("offer", offer.offerId()).param("entry", claimedBy)
                .query(UUID.class).list();
        for (UUID other : others) {
            messages.waitlistSlotGone(offer.practice(), new PatientId(other), offer.offerId(), offer.slot(),
                    offer.type());
        }
    }

    private WaitlistEntry find(PracticeId practice, UUID id) {
        return jdbc.sql("SELECT * FROM waitlist_entry WHERE practice_id = :p AND id = :id")
                .param("p", practice.value()).param("id", id)
                .query(Waitlist::entry).optional()
                .orElseThrow(() -> new NotFoundException("Waitlist entry"));
    }

    private static WaitlistEntry entry(ResultSet rs, int row) throws SQLException {
        Timestamp before = rs.getTimestamp("wanted_before");
        return new WaitlistEntry(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
                rs.getObject("appointment_type_id", UUID.class), rs.getObject("location_id", UUID.class),
                rs.getObject("provider_id", UUID.class), rs.getObject("appointment_id", UUID.class),
                before == null ? null : before.toInstant(), WaitlistEntry.Status.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant());
    }
}
