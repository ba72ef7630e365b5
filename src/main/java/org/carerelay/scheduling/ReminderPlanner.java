package org.carerelay.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentChanged;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.Appointments;
import org.carerelay.shared.PracticeId;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps an appointment's reminders in step with it, inside the transaction that changed it: db-scheduler's rows are
 * written on the same connection (its starter wraps the data source to join Spring's transactions), so a booking
 * that rolls back leaves no timer, and a committed one never lacks its timers.
 * <ul>
 * <li>booked: the confirmation now, the reminders planned;
 * <li>moved: the old links end, the new time confirmed, the reminders re-planned;
 * <li>cancelled or over (checked in, no-show): pending reminders removed and links ended; a cancellation is
 * confirmed to the patient.
 * </ul>
 */
@Component
class ReminderPlanner {

    private final SchedulerClient scheduler;
    private final OneTimeTask<ReminderTimer> task;
    private final Appointments appointments;
    private final AppointmentMessages messages;
    private final AppointmentLinks links;
    private final Clock clock;

    ReminderPlanner(SchedulerClient scheduler, OneTimeTask<ReminderTimer> task, Appointments appointments,
            AppointmentMessages messages, AppointmentLinks links, Clock clock) {
        this.scheduler = scheduler;
        this.task = task;
        this.appointments = appointments;
        this.messages = messages;
        this.links = links;
        this.clock = clock;
    }

    @EventListener
    void on(AppointmentChanged changed) {
        Instant now = clock.instant();
        Appointment appointment = appointments.find(changed.practice(), changed.appointment());
        boolean upcoming = AppointmentMessages.upcoming(appointment, now);
        if (changed.moved() || !upcoming) {
            links.expireAll(appointment.id());
        }
        plan(changed.practice(), appointment, upcoming
                ? ReminderPlan.of(appointment.start(), ZoneId.of(appointment.timeZone()), now) : Map.of());
        if (!changed.tellPatient()) {
            return;
        }
        if (upcoming && (changed.booked() || changed.moved())) {
            messages.confirmation(changed.practice(), appointment);
        } else if (changed.cancelled() && appointment.start().isAfter(now)) {
            messages.cancelled(changed.practice(), appointment);
        }
    }

    /** Each kind of reminder scheduled at its due time, or removed when the plan has none of that kind. */
    private void plan(PracticeId practice, Appointment appointment, Map<ReminderKind, Instant> due) {
        for (ReminderKind kind : ReminderKind.values()) {
            TaskInstanceId id = instance(appointment.id(), kind);
            Optional<ScheduledExecution<Object>> pending = scheduler.getScheduledExecution(id);
            if (pending.isPresent() && pending.get().isPicked()) {
                continue; // running now; it reads the appointment again and sends nothing if it is stale
            }
            Instant at = due.get(kind);
            ReminderTimer timer = new ReminderTimer(practice.value(), appointment.id().value(), kind,
                    appointment.start());
            if (at == null) {
                pending.ifPresent(execution -> scheduler.cancel(id));
            } else if (pending.isPresent()) {
                scheduler.reschedule(id, at, timer);
            } else {
                scheduler.schedule(task.instance(id.getId(), timer), at);
            }
        }
    }

    static TaskInstanceId instance(AppointmentId appointment, ReminderKind kind) {
        return TaskInstanceId.of(ReminderTaskConfiguration.TASK, appointment.value() + "/" + kind.name());
    }
}
