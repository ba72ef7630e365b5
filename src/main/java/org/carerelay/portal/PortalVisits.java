package org.carerelay.portal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.AppointmentStatus;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.Location;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Modality;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Provider;
import org.carerelay.practice.Providers;
import org.carerelay.practice.VisitClock;
import org.carerelay.scheduling.PatientChanges;
import org.carerelay.shared.Caller;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PageRequest;
import org.springframework.stereotype.Component;

/** A patient's visits as the portal shows them: with whom, where, what kind, and what the patient may do. */
@Component
class PortalVisits {

    /** One visit on a portal page; {@code zone} is its clock ({@link VisitClock}). */
    record Visit(Appointment appointment, String providerName, String locationName, String typeName, boolean video,
            boolean live, boolean changeable, ZoneId zone) {

        /** When it starts, on its clock. */
        public ZonedDateTime start() {
            return appointment.start().atZone(zone);
        }
    }

    private final Appointments appointments;
    private final Providers providers;
    private final Locations locations;
    private final AppointmentTypes types;
    private final PatientChanges changes;

    private final Patients patients;

    PortalVisits(Appointments appointments, Providers providers, Locations locations, AppointmentTypes types,
            PatientChanges changes, Patients patients) {
        this.patients = patients;
        this.appointments = appointments;
        this.providers = providers;
        this.locations = locations;
        this.types = types;
        this.changes = changes;
    }

    /** The patient's own appointment; not found when it is someone else's. */
    Appointment own(Caller caller, PatientId patient, UUID id) {
        Appointment appointment = appointments.find(caller.practice(), new AppointmentId(id));
        if (!appointment.patientId().equals(patient)) {
            throw new NotFoundException("Appointment"); // checked before the view is audited: no probing trail
        }
        return appointments.view(caller, appointment.id());
    }

    /** The patient's visits starting between {@code from} and {@code to} (listing them is audited). */
    List<Visit> list(Caller caller, PatientId patient, Instant from, Instant to, Instant now) {
        List<Appointment> found = appointments.list(caller, new org.carerelay.practice.AppointmentFilter(from, to,
                patient.value(), null, null, null), new PageRequest(0, PageRequest.MAX_SIZE)).items();
        return describe(caller, found, now);
    }

    List<Visit> describe(Caller caller, List<Appointment> found, Instant now) {
        PageRequest all = new PageRequest(0, PageRequest.MAX_SIZE);
        Map<Object, Provider> byProvider = providers.list(caller.practice(), all).items().stream()
                .collect(Collectors.toMap(Provider::id, Function.identity()));
        Map<Object, Location> byLocation = locations.list(caller.practice(), all).items().stream()
                .collect(Collectors.toMap(Location::id, Function.identity()));
        Map<Object, AppointmentType> byType = types.list(caller.practice(), all).items().stream()
                .collect(Collectors.toMap(AppointmentType::id, Function.identity()));
        Map<PatientId, Patient> byPatient = patients.findAll(caller.practice(),
                found.stream().map(Appointment::patientId).collect(Collectors.toSet()));
        return found.stream().map(appointment -> {
            AppointmentType type = byType.get(appointment.appointmentTypeId());
            Patient patient = byPatient.get(appointment.patientId());
            boolean live = (appointment.status() == AppointmentStatus.BOOKED
                    || appointment.status() == AppointmentStatus.CONFIRMED) && appointment.end().isAfter(now);
            return new Visit(appointment, byProvider.get(appointment.providerId()).displayName(),
                    byLocation.get(appointment.locationId()).name(), type.name(), type.modality() == Modality.VIDEO,
                    live, live && now.isBefore(changes.cutoff(caller.practice(), appointment)),
                    VisitClock.zone(type.modality(), appointment.timeZone(), patient == null ? null : patient.timeZone()));
        }).toList();
    }
}
