package org.carerelay.scheduling;

import org.carerelay.database.Announcer;
import org.carerelay.database.DatabaseNotifications;
import org.carerelay.practice.AppointmentChanged;
import org.carerelay.shared.PracticeId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Live schedule updates: a visit booked, moved, cancelled (by staff, a patient's link or text) or checked in wakes
 * the practice's open schedules on every node once the change commits. The announcement carries the practice id
 * only; each open schedule reloads what it shows.
 */
@Component
public class ScheduleEvents {

    static final String CHANNEL = "carerelay_schedule";

    private final Announcer announcer;
    private final ObjectProvider<DatabaseNotifications> notifications;

    ScheduleEvents(Announcer announcer, ObjectProvider<DatabaseNotifications> notifications) {
        this.announcer = announcer;
        this.notifications = notifications;
        notifications.ifAvailable(listener -> listener.register(CHANNEL));
    }

    @EventListener
    void on(AppointmentChanged changed) {
        announcer.afterCommit(CHANNEL, changed.practice().toString());
    }

    /** Calls {@code onChange} whenever a visit of {@code practice} changes, until the handle closes. */
    public AutoCloseable subscribe(PracticeId practice, Runnable onChange) {
        return notifications.getObject().subscribe(CHANNEL, practice.toString(), onChange);
    }
}
