package org.carerelay.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.carerelay.shared.WakeableLoop;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Moves committed events from {@code audit_pending} into their practices' chains.
 *
 * <p>Chaining happens in passes, on a thread of its own. A pass takes each practice's chain lock,
 * appends every waiting event of that practice in order and deletes it from the waiting table, all in one
 * transaction, so one lock and one commit serve the events of every transaction that committed before it began.
 * A transaction that wrote events wakes the thread as it commits and goes on without waiting; its events are
 * already durable (they committed with its work) and are chained milliseconds later. Readers of the whole chain
 * (verification) call {@link #chainNow()} first. Several nodes serialize on the chain locks. Without a wake-up
 * the thread still looks every second, for events whose transaction committed on a node that stopped before
 * chaining them.
 */
@Component
public class AuditChainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);
    private static final Duration SWEEP = Duration.ofSeconds(1);
    /**
     * How long a pass waits after its wake-up: under load, the events of many transactions then share its lock,
     * statements and commit; nobody waits for it (readers of the chain call {@link #chainNow()}).
     */
    private static final Duration LINGER = Duration.ofMillis(20);
    /** Keeps one pass's transaction small; a longer backlog takes several passes. */
    private static final int EVENTS_PER_PASS = 5_000;

    private final DataSource dataSource;
    /** One pass at a time on this node. */
    private final ReentrantLock passes = new ReentrantLock();
    private final WakeableLoop loop = new WakeableLoop("audit-chainer", SWEEP, LINGER, this::chainOrPause);

    AuditChainer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Asks for a pass soon; called as a transaction that wrote events commits. Never blocks. */
    void wake() {
        loop.wake();
    }

    /** Chains every event committed before this call, in the calling thread; false if the database failed. */
    public boolean chainNow() {
        passes.lock();
        try {
            while (true) {
                int chained = runPass();
                if (chained < 0) {
                    return false;
                }
                if (chained < EVENTS_PER_PASS) {
                    return true;
                }
            }
        } finally {
            passes.unlock();
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
        chainNow(); // what committed during shutdown, so that a stopped node leaves nothing waiting
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** Stops after the web server and the workers, whose last transactions it chains. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1_000;
    }

    /** The loop's pass; after a database failure it waits a sweep before the next try. */
    private void chainOrPause() {
        if (!chainNow()) {
            try {
                Thread.sleep(SWEEP.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Returns how many events it chained, or -1 if the database failed (they stay waiting for the next pass). */
    private int runPass() {
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                int chained = 0;
                for (UUID practice : practicesWaiting(db)) {
                    chained += chain(db, practice);
                }
                db.commit();
                return chained;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            // The driver is configured not to echo row values, so the message names no PHI.
            log.warn("Chaining audit events failed; they stay waiting for the next pass: {}", e.toString());
            return -1;
        }
    }

    /** In a fixed order, so that two nodes' passes take the chain locks in the same order and cannot deadlock. */
    private static List<UUID> practicesWaiting(Connection db) throws SQLException {
        List<UUID> practices = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(
                "SELECT DISTINCT practice_id FROM audit_pending ORDER BY practice_id");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                practices.add(rs.getObject(1, UUID.class));
            }
        }
        return practices;
    }

    /** Chains up to {@link #EVENTS_PER_PASS} of the practice's waiting events; returns how many. */
    private static int chain(Connection db, UUID practice) throws SQLException {
        long lastSeq = 0;
        String lastHash = ChainHash.GENESIS;
        try (PreparedStatement head = db.prepareStatement("SELECT last_seq, last_hash FROM audit_chain_head(?)")) {
            head.setObject(1, practice);
            try (ResultSet rs = head.executeQuery()) {
                if (rs.next() && rs.getString("last_hash") != null) {
                    lastSeq = rs.getLong("last_seq");
                    lastHash = rs.getString("last_hash");
                }
            }
        }
        // Read under the lock: another node's pass that chained some of these has committed by now.
        List<Long> chained = new ArrayList<>();
        try (PreparedStatement waiting = db.prepareStatement("""
                SELECT seq, id, occurred_at, actor_type, actor_id, action, target_type, target_id, payload::text
                FROM audit_pending WHERE practice_id = ? ORDER BY seq LIMIT ?""");
                PreparedStatement insert = db.prepareStatement("""
                        INSERT INTO audit_event (id, practice_id, chain_seq, occurred_at, actor_type, actor_id, action,
                                                 target_type, target_id, payload, prev_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""")) {
            waiting.setObject(1, practice);
            waiting.setInt(2, EVENTS_PER_PASS);
            try (ResultSet rs = waiting.executeQuery()) {
                while (rs.next()) {
                    ChainHash.Row row = new ChainHash.Row(rs.getObject("id", UUID.class), practice, lastSeq + 1,
                            rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor_type"),
                            rs.getString("actor_id"), rs.getString("action"), rs.getString("target_type"),
                            rs.getString("target_id"), ChainHash.parsePayload(rs.getString("payload")), lastHash);
                    String hash = ChainHash.of(row);
                    bind(insert, row, hash);
                    insert.addBatch();
                    chained.add(rs.getLong("seq"));
                    lastSeq = row.chainSeq();
                    lastHash = hash;
                }
            }
            if (!chained.isEmpty()) {
                insert.executeBatch();
            }
        }
        if (!chained.isEmpty()) {
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM audit_pending WHERE seq = ANY (?)")) {
                delete.setArray(1, db.createArrayOf("bigint", chained.toArray()));
                delete.executeUpdate();
            }
        }
        return chained.size();
    }

    private static void bind(PreparedStatement insert, ChainHash.Row row, String hash) throws SQLException {
        insert.setObject(1, row.id());
        insert.setObject(2, row.practiceId());
        insert.setLong(3, row.chainSeq());
        insert.setTimestamp(4, Timestamp.from(row.occurredAt()));
        insert.setString(5, row.actorType());
        insert.setString(6, row.actorId());
        insert.setString(7, row.action());
        insert.setString(8, row.targetType());
        insert.setString(9, row.targetId());
        insert.setString(10, ChainHash.payloadJson(row.payload()));
        insert.setString(11, row.prevHash());
        insert.setString(12, hash);
    }
}
