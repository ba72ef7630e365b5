package org.carerelay.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes what a node holds open (a portal page, a staff inbox) when any node changes what it shows. A changing
 * transaction announces a channel and a key through the {@link Announcer}, which sends a PostgreSQL NOTIFY once
 * it has committed; every node LISTENs on one connection of its own and calls the subscribers it holds for that
 * channel and key. Payloads are ids only.
 */
@Component
@ConditionalOnWebApplication
public class DatabaseNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z_]{1,63}");

    private final DataSource dataSource;
    private final Map<String, Map<String, Set<Runnable>>> subscribers = new ConcurrentHashMap<>();
    /** Channels registered since the listening connection last LISTENed. */
    private final ConcurrentLinkedQueue<String> newChannels = new ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private Thread listener;

    DatabaseNotifications(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Declares a channel this node listens on. Called while the application starts, before the listening
     * connection opens, so that no announcement made after startup can be missed.
     */
    public void register(String channel) {
        if (!CHANNEL_NAME.matcher(channel).matches()) {
            throw new IllegalArgumentException("Channel names are lower-case letters and underscores");
        }
        if (subscribers.putIfAbsent(channel, new ConcurrentHashMap<>()) == null) {
            newChannels.add(channel);
        }
    }

    /** Calls {@code onChange} for each announcement of {@code key} on {@code channel} until the handle closes. */
    public AutoCloseable subscribe(String channel, String key, Runnable onChange) {
        Map<String, Set<Runnable>> byKey = subscribers.get(channel);
        if (byKey == null) {
            throw new IllegalStateException("Channel " + channel + " was not registered at startup");
        }
        byKey.computeIfAbsent(key, k -> new CopyOnWriteArraySet<>()).add(onChange);
        return () -> byKey.computeIfPresent(key, (k, set) -> {
            set.remove(onChange);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "database-notifications");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Holds one connection LISTENing; reconnects after a failure (a database restart) and LISTENs again. */
    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                newChannels.clear();
                for (String channel : subscribers.keySet()) {
                    listenTo(connection, channel);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    for (String channel = newChannels.poll(); channel != null; channel = newChannels.poll()) {
                        listenTo(connection, channel);
                    }
                    PGNotification[] notifications = postgres.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            wake(notification.getName(), notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Database notifications lost their connection; reconnecting");
                    sleepBeforeRetry();
                }
            }
        }
    }

    private static void listenTo(Connection connection, String channel) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + channel); // a checked name: LISTEN takes no parameters
        }
    }

    private void wake(String channel, String key) {
        Set<Runnable> waiting = subscribers.getOrDefault(channel, Map.of()).get(key);
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }

    private void sleepBeforeRetry() {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
