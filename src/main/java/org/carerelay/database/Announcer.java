package org.carerelay.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.carerelay.shared.WakeableLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends the PostgreSQL NOTIFYs that {@link DatabaseNotifications} listens for, once the changing transaction has
 * committed, from a thread of its own that sends everything announced meanwhile in one statement.
 *
 * <p>Why not NOTIFY inside the changing transaction: PostgreSQL serializes the commits of notifying transactions
 * on one database-wide lock held through the commit's WAL flush, which would make every inbox filing wait for
 * every other. Sent afterwards, one short transaction carries many announcements. An announcement is a hint to
 * reload, never data, so the rare one lost to a crash between commit and sending costs an open page one refresh.
 */
@Component
public class Announcer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Announcer.class);
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z_]{1,63}");
    private static final int PER_STATEMENT = 1_000;
    /** Announcements wake the loop; without any it only checks now and then. */
    private static final Duration IDLE = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final ConcurrentLinkedQueue<Announcement> queue = new ConcurrentLinkedQueue<>();
    private final WakeableLoop loop = new WakeableLoop("database-announcer", IDLE, this::sendQueued);

    Announcer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Tells every node's subscribers to {@code key} on {@code channel}, once the current transaction commits
     * (never if it rolls back); at once without a transaction. Keys are ids, never PHI.
     */
    public void afterCommit(String channel, String key) {
        if (!CHANNEL_NAME.matcher(channel).matches()) {
            throw new IllegalArgumentException("Channel names are lower-case letters and underscores");
        }
        Announcement announcement = new Announcement(channel, key);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            enqueue(List.of(announcement));
            return;
        }
        @SuppressWarnings("unchecked")
        Set<Announcement> pending = (Set<Announcement>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Set<Announcement> announcements = new LinkedHashSet<>();
            Object resourceKey = this;
            TransactionSynchronizationManager.bindResource(resourceKey, announcements);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    enqueue(announcements);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(resourceKey);
                }
            });
            pending = announcements;
        }
        pending.add(announcement);
    }

    private void enqueue(Iterable<Announcement> announcements) {
        announcements.forEach(queue::add);
        loop.wake();
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** Sends what is queued, each distinct announcement once. */
    void sendQueued() {
        Set<Announcement> batch = new LinkedHashSet<>();
        for (Announcement next = queue.poll(); next != null; next = queue.poll()) {
            batch.add(next);
        }
        List<Announcement> all = new ArrayList<>(batch);
        for (int from = 0; from < all.size(); from += PER_STATEMENT) {
            send(all.subList(from, Math.min(all.size(), from + PER_STATEMENT)));
        }
    }

    private void send(List<Announcement> announcements) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement notify = connection.prepareStatement(
                        "SELECT pg_notify(c, k) FROM unnest(?::text[], ?::text[]) AS a(c, k)")) {
            notify.setArray(1, connection.createArrayOf("text",
                    announcements.stream().map(Announcement::channel).toArray()));
            notify.setArray(2, connection.createArrayOf("text",
                    announcements.stream().map(Announcement::key).toArray()));
            notify.execute();
        } catch (SQLException e) {
            // Open pages miss one refresh; nothing else depends on an announcement.
            log.warn("Could not send {} announcements: {}", announcements.size(), e.toString());
        }
    }

    private record Announcement(String channel, String key) {
    }
}
