package org.carerelay.inbox;

import org.carerelay.database.Announcer;
import org.carerelay.database.DatabaseNotifications;
import org.carerelay.shared.PracticeId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Live inbox updates: a change to a conversation (a new message, an assignment, a resolution) wakes the inboxes
 * of the practice open on any node. The announcement carries the practice id only; each open inbox reloads what
 * its viewer may see.
 */
@Component
public class InboxEvents {

    static final String CHANNEL = "carerelay_inbox";

    private final Announcer announcer;
    private final ObjectProvider<DatabaseNotifications> notifications;

    InboxEvents(Announcer announcer, ObjectProvider<DatabaseNotifications> notifications) {
        this.announcer = announcer;
        this.notifications = notifications;
        notifications.ifAvailable(listener -> listener.register(CHANNEL));
    }

    /** Within the changing transaction: the practice's open inboxes update once it commits. */
    void changed(PracticeId practice) {
        announcer.afterCommit(CHANNEL, practice.toString());
    }

    /** Calls {@code onChange} whenever a conversation of {@code practice} changes, until the handle closes. */
    public AutoCloseable subscribe(PracticeId practice, Runnable onChange) {
        return notifications.getObject().subscribe(CHANNEL, practice.toString(), onChange);
    }
}
