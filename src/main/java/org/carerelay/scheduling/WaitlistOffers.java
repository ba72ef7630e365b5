package org.carerelay.scheduling;

import java.util.Map;
import java.util.Optional;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Modality;
import org.carerelay.practice.Patient;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Practice;
import org.carerelay.practice.Practices;
import org.carerelay.practice.ProviderId;
import org.carerelay.practice.Providers;
import org.carerelay.practice.VisitClock;
import org.carerelay.shared.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the claim link page ({@code /w/<token>}) shows of an offer, in the patient's language, and its claim. */
@Service
public class WaitlistOffers {

    /** An offer as its page shows it; {@code timeZone} is the visit's clock ({@link VisitClock}). */
    public record View(Waitlist.Offer offer, Practice practice, String language, String timeZone,
            String providerName, Location location, boolean video) {
    }

    private final Waitlist waitlist;
    private final Practices practices;
    private final Patients patients;
    private final Providers providers;
    private final Locations locations;
    private final AppointmentTypes types;
    private final AuditLog auditLog;

    WaitlistOffers(Waitlist waitlist, Practices practices, Patients patients, Providers providers,
            Locations locations, AppointmentTypes types, AuditLog auditLog) {
        this.waitlist = waitlist;
        this.practices = practices;
        this.patients = patients;
        this.providers = providers;
        this.locations = locations;
        this.types = types;
        this.auditLog = auditLog;
    }

    /** The offer behind a claim link, its opening audited; empty for a token never issued. */
    @Transactional
    public Optional<View> view(String token) {
        return waitlist.offer(token).map(offer -> {
            auditLog.record(new AuditEvent(offer.practice(), new Actor(Actor.Type.PATIENT,
                    offer.patient().toString()), "phi.waitlist-offer.viewed",
                    AuditEvent.Target.of("waitlist_offer", offer.offerId()), Map.of("entry", offer.entryId())));
            Location location = locations.get(offer.practice(), new LocationId(offer.slot().locationId()));
            Patient patient = patients.find(offer.practice(), offer.patient());
            Modality modality = types.get(offer.practice(), offer.type()).modality();
            return new View(offer, practices.get(offer.practice()), patient.preferredLanguage(),
                    VisitClock.zone(modality, location.timeZone(), patient.timeZone()).getId(),
                    providers.get(offer.practice(), new ProviderId(offer.slot().providerId())).displayName(),
                    location, modality == Modality.VIDEO);
        });
    }

    public Optional<Waitlist.Claim> claim(String token) {
        return waitlist.claim(token);
    }
}
