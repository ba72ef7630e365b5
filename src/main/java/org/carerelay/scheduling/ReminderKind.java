package org.carerelay.scheduling;

/** The reminders a visit gets before it: two days ahead with one-tap links, and a short one on the day. */
enum ReminderKind {
    /** 48 hours before: Confirm, Cancel and Reschedule links. */
    TWO_DAYS("appointment-reminder"),
    /** 2 hours before, or the evening before a visit early in the morning; a video visit's join link. */
    SHORT("appointment-reminder-short");

    private final String templateKey;

    ReminderKind(String templateKey) {
        this.templateKey = templateKey;
    }

    String templateKey() {
        return templateKey;
    }
}
