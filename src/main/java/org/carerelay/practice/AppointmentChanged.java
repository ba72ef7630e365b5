package org.carerelay.practice;

import java.time.Instant;

import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;

/**
 * An appointment was booked, moved or changed status. Published inside the transaction that changed it, so that a
 * listener's work (planning reminders) commits or rolls back with the change. Ids and times only: no PHI.
 *
 * @param previousStatus   null when the appointment was just booked
 * @param previousStart    null when the appointment was just booked
 * @param previousProvider with whom it was before the change (the slot a move frees); null when just booked
 * @param previousLocation where it was before the change; null when just booked
 * @param tellPatient      whether the patient is to hear of it (a booking or change made by someone, not an import)
 */
public record AppointmentChanged(PracticeId practice, AppointmentId appointment, Actor actor,
        AppointmentStatus previousStatus, AppointmentStatus status, Instant previousStart, Instant start,
        ProviderId previousProvider, LocationId previousLocation, boolean tellPatient) {

    public boolean booked() {
        return previousStatus == null;
    }

    public boolean moved() {
        return previousStart != null && !previousStart.equals(start);
    }

    public boolean cancelled() {
        return status == AppointmentStatus.CANCELLED && previousStatus != AppointmentStatus.CANCELLED;
    }
}
