package org.carerelay.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.carerelay.practice.Location;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Component;

/** A conversation's reply clock: how long a reply may take (settings {@code inbox.sla.*}) in its location's hours. */
@Component
class ReplyClocks {

    private final Settings settings;

    ReplyClocks(Settings settings) {
        this.settings = settings;
    }

    /** The location's opening hours and the practice's holidays; always open when there is no location. */
    SlaClock hours(PracticeId practice, Location location) {
        Set<java.time.LocalDate> holidays = settings.get(practice, Setting.INBOX_HOLIDAYS);
        return location == null ? new SlaClock(ZoneId.of("UTC"), List.of(), holidays)
                : new SlaClock(ZoneId.of(location.timeZone()), location.businessHours(), holidays);
    }

    /** The clock of a message of {@code category} arriving at {@code start}: the urgent one for an urgent message. */
    Sla sla(PracticeId practice, SlaClock clock, Category category, boolean urgent, Instant start) {
        int minutes = switch (category.slaKind(urgent)) {
            case URGENT -> settings.get(practice, Setting.INBOX_SLA_URGENT_MINUTES);
            case ROUTINE -> settings.get(practice, Setting.INBOX_SLA_ROUTINE_MINUTES);
            case ADMINISTRATIVE -> settings.get(practice, Setting.INBOX_SLA_ADMINISTRATIVE_MINUTES);
        };
        Duration allowed = Duration.ofMinutes(minutes);
        return new Sla(clock.after(start, Duration.ofSeconds((long) (allowed.toSeconds() * SlaClock.WARN_AT))),
                clock.after(start, allowed));
    }

    /** When a clock turns "due soon" and when it is breached. */
    record Sla(Instant warnAt, Instant dueAt) {
    }
}
