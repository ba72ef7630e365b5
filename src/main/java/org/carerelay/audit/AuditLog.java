package org.carerelay.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends events to the audit log and verifies its chain.
 *
 * <p>Each practice has its own chain, so one practice's chain can be verified or handed to its auditors alone.
 * A transaction's events are written, just before it commits, to {@code audit_pending}: they commit or roll back
 * with its work, and no lock is taken, so one practice's transactions commit side by side. Once it has
 * committed, the {@link AuditChainer} links them into the chain under the chain's lock, together with every other
 * transaction's events waiting at that moment. Verification chains what is waiting before it reads.
 */
@Service
public class AuditLog {

    private static final String COLUMNS = "id, practice_id, chain_seq, occurred_at, actor_type, actor_id, action, "
            + "target_type, target_id, payload::text AS payload, prev_hash, hash";
    private static final int VERIFY_FETCH_SIZE = 1_000;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final AuditChainer chainer;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    AuditLog(JdbcTemplate jdbcTemplate, AuditChainer chainer, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbcTemplate;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.streaming = new JdbcTemplate(jdbcTemplate.getDataSource());
        this.streaming.setFetchSize(VERIFY_FETCH_SIZE);
        this.chainer = chainer;
        this.clock = clock;
    }

    /**
     * Appends {@code event}; it commits or rolls back with the caller's transaction, which must exist, and is
     * chained just after the commit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEvent event) {
        Object key = this;
        @SuppressWarnings("unchecked")
        List<PendingEvent> pending = (List<PendingEvent>) TransactionSynchronizationManager.getResource(key);
        if (pending == null) {
            List<PendingEvent> events = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(key, events);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    writePending(events);
                }

                @Override
                public void afterCommit() {
                    chainer.wake();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
            pending = events;
        }
        pending.add(new PendingEvent(event, Instant.now(clock).truncatedTo(ChronoUnit.MICROS)));
    }

    /**
     * Runs {@code work} under a savepoint of the caller's transaction: if it throws, both its database changes and
     * the events it recorded are undone, and the exception is passed on; the caller's transaction goes on. (Events
     * wait in memory until the commit, so rolling back to a savepoint alone would still write them.)
     */
    public void withinSavepoint(Runnable work) {
        Object key = this;
        List<?> before = (List<?>) TransactionSynchronizationManager.getResource(key);
        int recorded = before == null ? 0 : before.size();
        try {
            savepoint.executeWithoutResult(status -> work.run());
        } catch (RuntimeException e) {
            List<?> pending = (List<?>) TransactionSynchronizationManager.getResource(key);
            if (pending != null) {
                pending.subList(recorded, pending.size()).clear();
            }
            throw e;
        }
    }

    private void writePending(List<PendingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(events.size());
        for (PendingEvent pending : events) {
            AuditEvent event = pending.event();
            rows.add(new Object[] {UUID.randomUUID(), event.practice().value(), Timestamp.from(pending.occurredAt()),
                    event.actor().type().name(), event.actor().id(), event.action(),
                    event.target() == null ? null : event.target().type(),
                    event.target() == null ? null : event.target().id(), ChainHash.payloadJson(event.payload())});
        }
        jdbc.batchUpdate("""
                INSERT INTO audit_pending (id, practice_id, occurred_at, actor_type, actor_id, action, target_type,
                                           target_id, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))""", rows);
        events.clear();
    }

    private record PendingEvent(AuditEvent event, Instant occurredAt) {
    }

    /** Recomputes one practice's chain. */
    @Transactional(readOnly = true)
    public ChainVerification verify(PracticeId practice) {
        chainer.chainNow();
        try (Stream<StoredEvent> events = streaming.queryForStream(
                "SELECT " + COLUMNS + " FROM audit_event WHERE practice_id = ? ORDER BY chain_seq",
                AuditLog::storedEvent, practice.value())) {
            return walk(events.iterator());
        }
    }

    /** Recomputes every practice's chain (the operator's {@code audit verify} command). */
    @Transactional(readOnly = true)
    public ChainVerification verifyAll() {
        chainer.chainNow();
        try (Stream<StoredEvent> events = streaming.queryForStream(
                "SELECT " + COLUMNS + " FROM audit_event ORDER BY practice_id, chain_seq", AuditLog::storedEvent)) {
            return walk(events.iterator());
        }
    }

    private static ChainVerification walk(Iterator<StoredEvent> events) {
        long checked = 0;
        UUID chain = null;
        Link previous = null;
        while (events.hasNext()) {
            StoredEvent event = events.next();
            if (!event.row().practiceId().equals(chain)) {
                chain = event.row().practiceId();
                previous = new Link(0, ChainHash.GENESIS);
            }
            String problem = null;
            if (event.row().chainSeq() != previous.seq() + 1) {
                problem = "sequence gap: expected " + (previous.seq() + 1);
            } else if (!event.row().prevHash().equals(previous.hash())) {
                problem = "prev_hash does not match the previous event's hash";
            } else if (!ChainHash.of(event.row()).equals(event.hash())) {
                problem = "hash mismatch: the event was altered";
            }
            if (problem != null) {
                return ChainVerification.broken(checked, new ChainVerification.BrokenLink(event.row().id(),
                        chain, event.row().chainSeq(), problem));
            }
            checked++;
            previous = new Link(event.row().chainSeq(), event.hash());
        }
        return ChainVerification.intact(checked);
    }

    private static StoredEvent storedEvent(ResultSet rs, int rowNum) throws SQLException {
        ChainHash.Row row = new ChainHash.Row(rs.getObject("id", UUID.class), rs.getObject("practice_id", UUID.class),
                rs.getLong("chain_seq"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor_type"),
                rs.getString("actor_id"), rs.getString("action"), rs.getString("target_type"),
                rs.getString("target_id"), ChainHash.parsePayload(rs.getString("payload")), rs.getString("prev_hash"));
        return new StoredEvent(row, rs.getString("hash"));
    }

    private record Link(long seq, String hash) {
    }

    private record StoredEvent(ChainHash.Row row, String hash) {
    }
}
