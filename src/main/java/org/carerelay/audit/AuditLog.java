package org.carerelay.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends events to the audit log and verifies its chain.
 *
 * <p>Each practice has its own chain. Appends to one chain are serialized by a transaction-scoped advisory lock
 * held until commit (taken by the {@code audit_chain_head} function), so the chain is one line even with many nodes; different practices never wait for each
 * other, and one practice's chain can be verified or handed to its auditors alone.
 */
@Service
public class AuditLog {

    private static final String COLUMNS = "id, practice_id, chain_seq, occurred_at, actor_type, actor_id, action, "
            + "target_type, target_id, payload::text AS payload, prev_hash, hash";
    private static final int VERIFY_FETCH_SIZE = 1_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbcTemplate.getDataSource());
        this.streaming.setFetchSize(VERIFY_FETCH_SIZE);
        this.clock = clock;
    }

    /**
     * Appends {@code event}; it commits or rolls back with the caller's transaction, which must exist. The
     * transaction's events are written together just before it commits: the chain's lock is then held only for
     * that write and the commit, not for the rest of the caller's work, so one practice's requests do not queue
     * behind each other.
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
                    append(events);
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

    /** Writes a transaction's events, chain by chain, each chain under its lock. */
    private void append(List<PendingEvent> events) {
        Map<UUID, List<PendingEvent>> byChain = new LinkedHashMap<>();
        events.forEach(pending -> byChain.computeIfAbsent(pending.event().practice().value(), k -> new ArrayList<>())
                .add(pending));
        // A fixed order of chains, so that two transactions touching the same two practices cannot deadlock.
        byChain.keySet().stream().sorted().forEach(practice -> appendToChain(practice, byChain.get(practice)));
        events.clear();
    }

    private void appendToChain(UUID practice, List<PendingEvent> events) {
        Link last = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head(:practice)")
                .param("practice", practice)
                .query((rs, n) -> rs.getString("last_hash") == null
                        ? new Link(0, ChainHash.GENESIS)
                        : new Link(rs.getLong("last_seq"), rs.getString("last_hash")))
                .single();
        List<Object[]> rows = new ArrayList<>();
        for (PendingEvent pending : events) {
            AuditEvent event = pending.event();
            ChainHash.Row row = new ChainHash.Row(UUID.randomUUID(), practice, last.seq() + 1, pending.occurredAt(),
                    event.actor().type().name(), event.actor().id(), event.action(),
                    event.target() == null ? null : event.target().type(),
                    event.target() == null ? null : event.target().id(), event.payload(), last.hash());
            String hash = ChainHash.of(row);
            rows.add(new Object[] {row.id(), row.practiceId(), row.chainSeq(), Timestamp.from(row.occurredAt()),
                    row.actorType(), row.actorId(), row.action(), row.targetType(), row.targetId(),
                    ChainHash.payloadJson(row.payload()), row.prevHash(), hash});
            last = new Link(row.chainSeq(), hash);
        }
        streaming.batchUpdate("""
                INSERT INTO audit_event (id, practice_id, chain_seq, occurred_at, actor_type, actor_id, action,
                                         target_type, target_id, payload, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""", rows);
    }

    private record PendingEvent(AuditEvent event, Instant occurredAt) {
    }

    /** Recomputes one practice's chain. */
    @Transactional(readOnly = true)
    public ChainVerification verify(PracticeId practice) {
        try (Stream<StoredEvent> events = streaming.queryForStream(
                "SELECT " + COLUMNS + " FROM audit_event WHERE practice_id = ? ORDER BY chain_seq",
                AuditLog::storedEvent, practice.value())) {
            return walk(events.iterator());
        }
    }

    /** Recomputes every practice's chain (the operator's {@code audit verify} command). */
    @Transactional(readOnly = true)
    public ChainVerification verifyAll() {
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
