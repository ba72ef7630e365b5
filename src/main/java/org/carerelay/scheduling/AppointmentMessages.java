package org.carerelay.scheduling;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.SendRequest;
import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentTypeId;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.ContactNormalizer;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Modality;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Provider;
import org.carerelay.practice.ProviderId;
import org.carerelay.practice.Providers;
import org.carerelay.practice.VisitClock;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Component;

/**
 * What a patient is told about their appointment, through the messaging hub (which picks the channel by the
 * patient's preference and consent, and holds texts in quiet hours). Every message has an idempotency key made of
 * the appointment, the kind and the start, so a retried timer or listener never tells the patient twice.
 */
@Component
class AppointmentMessages {

    static final Actor ACTOR = Actor.system("appointment-reminders");

    private final Messages messages;
    private final AppointmentLinks links;
    private final Providers providers;
    private final Locations locations;
    private final AppointmentTypes types;
    private final ContactNormalizer phones;
    private final Patients patients;
    private final PatientChanges changes;

    AppointmentMessages(Messages messages, AppointmentLinks links, Providers providers, Locations locations,
            AppointmentTypes types, ContactNormalizer phones, Patients patients, PatientChanges changes) {
        this.phones = phones;
        this.patients = patients;
        this.changes = changes;
        this.messages = messages;
        this.links = links;
        this.providers = providers;
        this.locations = locations;
        this.types = types;
    }

    /**
     * The booking (or its new time): with links to cancel or reschedule it while the patient still may; past the
     * change cut-off none, as they could only answer "too late".
     */
    void confirmation(PracticeId practice, Appointment appointment) {
        Map<String, Object> context = new HashMap<>(describe(practice, appointment));
        context.put("links", changes.pastCutoff(practice, appointment.start()) ? Map.of()
                : urls(links.issue(practice, appointment.id(), appointment.end(), AppointmentLinks.Purpose.CANCEL,
                        AppointmentLinks.Purpose.RESCHEDULE)));
        send(practice, appointment, "appointment-confirmation", context, Purpose.TRANSACTIONAL,
                "confirmation:" + appointment.start().getEpochSecond());
    }

    /**
     * A reminder. The one two days ahead confirms by link, and cancels or reschedules by link while the patient
     * still may (a practice whose change cut-off is longer than two days gets a reminder without them).
     */
    void reminder(PracticeId practice, Appointment appointment, ReminderKind kind) {
        Map<String, Object> context = new HashMap<>(describe(practice, appointment));
        if (kind == ReminderKind.TWO_DAYS) {
            context.put("links", urls(changes.pastCutoff(practice, appointment.start())
                    ? links.issue(practice, appointment.id(), appointment.end(), AppointmentLinks.Purpose.CONFIRM)
                    : links.issue(practice, appointment.id(), appointment.end(), AppointmentLinks.Purpose.CONFIRM,
                            AppointmentLinks.Purpose.CANCEL, AppointmentLinks.Purpose.RESCHEDULE)));
        } else if (Boolean.TRUE.equals(((Map<?, ?>) context.get("appointment")).get("video"))) {
            context.put("links", urls(links.issue(practice, appointment.id(), appointment.end(),
                    AppointmentLinks.Purpose.JOIN)));
        }
        send(practice, appointment, kind.templateKey(), context, Purpose.CARE,
                kind.name().toLowerCase() + ":" + appointment.start().getEpochSecond());
    }

    void cancelled(PracticeId practice, Appointment appointment) {
        send(practice, appointment, "appointment-cancelled", describe(practice, appointment), Purpose.TRANSACTIONAL,
                "cancelled");
    }

    /** The answer to a patient who confirmed by text ("C"): on the channel they used. */
    void confirmedByText(PracticeId practice, Appointment appointment) {
        messages.send(practice, ACTOR, new SendRequest(appointment.patientId(), null, Channel.SMS,
                "appointment-confirmed", describe(practice, appointment), Purpose.TRANSACTIONAL,
                key(appointment, "confirmed-by-text:" + appointment.start().getEpochSecond()), null, true));
    }

    /** A freed slot offered to a waiting patient, with the link that claims it. */
    void waitlistOffer(PracticeId practice, PatientId patient, UUID offer, Slot slot, AppointmentTypeId type,
            String claimUrl) {
        Map<String, Object> context = new HashMap<>(describe(practice, patient, slot, type));
        context.put("links", Map.of("claim", claimUrl));
        messages.send(practice, ACTOR, new SendRequest(patient, null, Channel.PREFERRED, "waitlist-offer", context,
                Purpose.TRANSACTIONAL, "waitlist-offer:" + offer + ":" + patient.value(), null));
    }

    /** The offer the patient did not claim first went to another patient. */
    void waitlistSlotGone(PracticeId practice, PatientId patient, UUID offer, Slot slot, AppointmentTypeId type) {
        messages.send(practice, ACTOR, new SendRequest(patient, null, Channel.PREFERRED, "waitlist-slot-gone",
                describe(practice, patient, slot, type), Purpose.TRANSACTIONAL,
                "waitlist-gone:" + offer + ":" + patient.value(), null));
    }

    private Map<String, Object> describe(PracticeId practice, PatientId patient, Slot slot, AppointmentTypeId type) {
        Location location = locations.get(practice, new LocationId(slot.locationId()));
        Modality modality = types.get(practice, type).modality();
        Map<String, Object> described = new HashMap<>();
        described.put("start", slot.start().atZone(VisitClock.zone(modality, location.timeZone(),
                patients.find(practice, patient).timeZone())).toString());
        described.put("providerName", providers.get(practice, new ProviderId(slot.providerId())).displayName());
        described.put("locationName", location.name());
        described.put("video", modality == Modality.VIDEO);
        return Map.of("slot", described);
    }

    private void send(PracticeId practice, Appointment appointment, String template, Map<String, Object> context,
            Purpose purpose, String what) {
        messages.send(practice, ACTOR, new SendRequest(appointment.patientId(), null, Channel.PREFERRED, template,
                context, purpose, key(appointment, what), null));
    }

    /**
     * The appointment as templates see it: when, with whom, where, and whether it is a video visit. The start names
     * its zone (ISO with a region, {@code 2026-12-07T10:20-05:00[America/New_York]}), so the date helpers show it on
     * the visit's clock ({@link VisitClock}) and name that zone, whatever zone the patient reads in.
     */
    private Map<String, Object> describe(PracticeId practice, Appointment appointment) {
        Provider provider = providers.get(practice, appointment.providerId());
        Location location = locations.get(practice, appointment.locationId());
        Modality modality = types.get(practice, appointment.appointmentTypeId()).modality();
        boolean video = modality == Modality.VIDEO;
        Map<String, Object> described = new HashMap<>();
        described.put("start", VisitClock.start(appointment, modality,
                patients.find(practice, appointment.patientId()).timeZone()).toString());
        described.put("providerName", provider.displayName());
        described.put("locationName", location.name());
        described.put("locationPhone", location.phone() == null ? "" : phones.display(location.phone()));
        described.put("video", video);
        return Map.of("appointment", described);
    }

    private static Map<String, String> urls(Map<AppointmentLinks.Purpose, String> issued) {
        Map<String, String> urls = new HashMap<>();
        issued.forEach((purpose, url) -> urls.put(purpose.name().toLowerCase(), url));
        return urls;
    }

    private static String key(Appointment appointment, String what) {
        return "appointment:" + appointment.id().value() + ":" + what;
    }

    static boolean upcoming(Appointment appointment, Instant now) {
        return appointment.start().isAfter(now) && switch (appointment.status()) {
            case BOOKED, CONFIRMED -> true;
            default -> false;
        };
    }
}
