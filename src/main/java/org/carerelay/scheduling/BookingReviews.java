package org.carerelay.scheduling;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypeId;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Provider;
import org.carerelay.practice.ProviderId;
import org.carerelay.practice.Providers;
import org.carerelay.practice.VisitClock;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What booking pages show beside the open times: the provider of each time, the providers to filter by, and the
 * review of a chosen time before it is booked (console and portal alike). Names of staff and places only: no PHI.
 */
@Service
public class BookingReviews {

    private final AppointmentTypes types;
    private final Locations locations;
    private final Providers providers;
    private final PatientChanges changes;

    BookingReviews(AppointmentTypes types, Locations locations, Providers providers, PatientChanges changes) {
        this.types = types;
        this.locations = locations;
        this.providers = providers;
        this.changes = changes;
    }

    /** The practice's providers by id: their display names, to name the provider of each open time. */
    @Transactional(readOnly = true)
    public Map<UUID, String> providerNames(PracticeId practice) {
        return providers.list(practice, new PageRequest(0, PageRequest.MAX_SIZE)).items().stream()
                .collect(Collectors.toMap(provider -> provider.id().value(), Provider::displayName));
    }

    /** The providers who have any of {@code slots}, by name: what a "with whom" filter offers. */
    public static Map<UUID, String> offering(Collection<Slot> slots, Map<UUID, String> names) {
        return slots.stream().map(Slot::providerId).distinct()
                .filter(names::containsKey)
                .sorted(Comparator.comparing(names::get))
                .collect(Collectors.toMap(Function.identity(), names::get, (a, b) -> a,
                        LinkedHashMap::new));
    }

    /** {@code slots} of {@code provider} only; all of them when it is null ("any provider"). */
    public static List<Slot> of(List<Slot> slots, UUID provider) {
        return provider == null ? slots : slots.stream().filter(slot -> slot.providerId().equals(provider)).toList();
    }

    /**
     * The chosen time described for review, on the visit's clock ({@link VisitClock}) for a patient in
     * {@code patientZone} (null: on the location's clock, as the console's schedule shows it); a type, location or
     * provider not of the practice is not found.
     */
    @Transactional(readOnly = true)
    public BookingReview review(PracticeId practice, AppointmentTypeId type, LocationId location,
            ProviderId provider, Instant start, String patientZone) {
        AppointmentType chosen = types.get(practice, type);
        Location place = locations.get(practice, location);
        Provider with = providers.get(practice, provider);
        return new BookingReview(type.value(), chosen.name(), provider.value(), with.displayName(),
                location.value(), place.name(),
                start.atZone(VisitClock.zone(chosen.modality(), place.timeZone(), patientZone)),
                changes.pastCutoff(practice, start), changes.cutoffBefore(practice));
    }
}
