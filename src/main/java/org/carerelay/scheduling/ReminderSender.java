package org.carerelay.scheduling;

import java.time.Clock;

import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.Appointments;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PracticeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends a reminder when its timer is due. The visit is read again first: one cancelled, moved (its timer was
 * planned for another start) or already begun gets nothing. Sending twice (a node died after sending, before
 * db-scheduler recorded it) is harmless: the message's idempotency key makes the second send the first message.
 */
@Component
class ReminderSender {

    private static final Logger log = LoggerFactory.getLogger(ReminderSender.class);

    private final Appointments appointments;
    private final AppointmentMessages messages;
    private final Clock clock;

    ReminderSender(Appointments appointments, AppointmentMessages messages, Clock clock) {
        this.appointments = appointments;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional
    void send(ReminderTimer timer) {
        PracticeId practice = new PracticeId(timer.practice());
        Appointment appointment;
        try {
            appointment = appointments.find(practice, new AppointmentId(timer.appointment()));
        } catch (NotFoundException e) {
            return; // the appointment is gone (its practice was deleted)
        }
        if (!AppointmentMessages.upcoming(appointment, clock.instant())
                || !appointment.start().equals(timer.plannedStart())) {
            log.debug("Reminder {} of appointment {} is stale; nothing sent", timer.kind(), timer.appointment());
            return;
        }
        messages.reminder(practice, appointment, timer.kind());
    }
}
