package org.carerelay.practice;

import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The clock a visit is told by, on every page and in every message. An in-person visit happens at its location's
 * wall-clock time, wherever the reader is: a Chicago patient coming to a New York clinic at 10:20 must read 10:20,
 * not 9:20. A video visit happens wherever the patient is, so it is told by the patient's clock. Either way the
 * zone is named beside the time (the {@code v} pattern letter: "10:20 AM ET").
 */
public final class VisitClock {

    private VisitClock() {
    }

    /** The zone of a visit of this modality at a location in {@code locationZone} for a patient in {@code patientZone}. */
    public static ZoneId zone(Modality modality, String locationZone, String patientZone) {
        return ZoneId.of(modality == Modality.VIDEO && patientZone != null ? patientZone : locationZone);
    }

    /** When the appointment starts, on its visit's clock. */
    public static ZonedDateTime start(Appointment appointment, Modality modality, String patientZone) {
        return appointment.start().atZone(zone(modality, appointment.timeZone(), patientZone));
    }
}
