package org.carerelay.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PracticeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One template to many patients. The request is stored at once (202); bulk workers then turn its items into
 * messages through {@link Messages#send}, fifty to a transaction (an item that is refused sends its chunk through
 * again item by item), each with an idempotency key of its own, so a crashed node's half-done batch is finished by
 * another without a second message to anyone.
 */
@Service
public class BulkSends {

    private static final Logger log = LoggerFactory.getLogger(BulkSends.class);
    static final int MAX_RECIPIENTS = 10_000;
    static final int BATCH = 200;
    /** Items made into messages in one transaction. */
    static final int CHUNK = 50;
    /** A claimed item whose worker died is picked up again after this. */
    static final Duration LEASE = Duration.ofMinutes(2);

    /** One recipient of a bulk send and the context of their message. */
    public record Recipient(PatientId patient, Map<String, Object> context) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Messages messages;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final boolean enabled;

    BulkSends(JdbcClient jdbc, JdbcTemplate batch, Messages messages, AuditLog auditLog,
            TransactionTemplate transactions, JsonMapper json, Clock clock,
            @Value("${carerelay.messaging.dispatch.enabled:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.messages = messages;
        this.auditLog = auditLog;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Transactional
    public BulkSend request(Caller caller, String templateKey, Channel channel, Purpose purpose, Instant notBefore,
            List<Recipient> recipients) {
        if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
            throw new InvalidFieldException("recipients", "must hold between 1 and " + MAX_RECIPIENTS);
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO bulk_send (id, practice_id, template_key, channel, purpose, not_before, total, created_at,
                                       created_by_type, created_by_id)
                VALUES (:id, :practice, :key, :channel, :purpose, :notBefore, :total, :now, :actorType, :actorId)""")
                .param("id", id)
                .param("practice", caller.practice().value())
                .param("key", templateKey)
                .param("channel", channel.name())
                .param("purpose", purpose.name())
                .param("notBefore", notBefore == null ? null : Timestamp.from(notBefore))
                .param("total", recipients.size())
                .param("now", Timestamp.from(now))
                .param("actorType", caller.actor().type().name())
                .param("actorId", caller.actor().id())
                .update();
        List<Object[]> items = new ArrayList<>();
        for (int position = 0; position < recipients.size(); position++) {
            Recipient recipient = recipients.get(position);
            items.add(new Object[] {id, position, caller.practice().value(), recipient.patient().value(),
                    json.writeValueAsString(recipient.context() == null ? Map.of() : recipient.context())});
        }
        batch.batchUpdate("INSERT INTO bulk_send_item (bulk_id, position, practice_id, patient_id, context, status) "
                + "VALUES (?, ?, ?, ?, CAST(? AS jsonb), 'PENDING')", items);
        auditLog.record(AuditEvent.of(caller, "bulk_send.requested", AuditEvent.Target.of("bulk_send", id),
                Map.of("template", templateKey, "recipients", recipients.size(), "purpose", purpose)));
        return find(caller.practice(), id);
    }

    @Transactional(readOnly = true)
    public BulkSend find(PracticeId practice, UUID id) {
        Map<String, Integer> items = new LinkedHashMap<>();
        jdbc.sql("SELECT status, count(*) AS n FROM bulk_send_item WHERE bulk_id = :id AND practice_id = :practice "
                        + "GROUP BY status")
                .param("id", id).param("practice", practice.value())
                .query(rs -> {
                    items.put(rs.getString("status"), rs.getInt("n"));
                });
        Map<String, Integer> deliveries = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT lower(d.status) AS status, count(*) AS n
                FROM bulk_send_item i JOIN delivery d ON d.message_id = i.message_id
                WHERE i.bulk_id = :id AND i.practice_id = :practice GROUP BY d.status ORDER BY 1""")
                .param("id", id).param("practice", practice.value())
                .query(rs -> {
                    deliveries.put(rs.getString("status"), rs.getInt("n"));
                });
        return jdbc.sql("SELECT * FROM bulk_send WHERE id = :id AND practice_id = :practice")
                .param("id", id).param("practice", practice.value())
                .query((rs, n) -> {
                    int sent = items.getOrDefault("SENT", 0);
                    int refused = items.getOrDefault("REFUSED", 0);
                    int total = rs.getInt("total");
                    return new BulkSend(id, rs.getString("template_key"), Channel.valueOf(rs.getString("channel")),
                            Purpose.valueOf(rs.getString("purpose")), total, sent + refused, sent, refused,
                            sent + refused == total ? "done" : "running", deliveries,
                            rs.getTimestamp("created_at").toInstant());
                })
                .optional()
                .orElseThrow(() -> new NotFoundException("Bulk send"));
    }

    @Scheduled(fixedDelayString = "${carerelay.messaging.dispatch.interval:500ms}")
    void run() {
        if (!enabled) {
            return;
        }
        try {
            while (processPending() == BATCH) {
                // a full batch: there may be more
            }
        } catch (RuntimeException e) {
            log.error("Bulk round failed; its items stay claimed until their lease ends", e);
        }
    }

    /** Claims a batch of pending items and makes each a message; returns how many it claimed. */
    public int processPending() {
        Instant now = clock.instant();
        List<Item> claimed = transactions.execute(status -> jdbc.sql("""
                UPDATE bulk_send_item i SET claimed_until = :until
                FROM (SELECT bulk_id, position FROM bulk_send_item
                      WHERE status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < :now)
                      ORDER BY bulk_id, position LIMIT :limit FOR UPDATE SKIP LOCKED) due,
                     bulk_send b
                WHERE i.bulk_id = due.bulk_id AND i.position = due.position AND b.id = i.bulk_id
                RETURNING i.bulk_id, i.position, i.practice_id, i.patient_id, i.context::text AS context,
                          b.template_key, b.channel, b.purpose, b.not_before, b.created_by_type, b.created_by_id""")
                .param("until", Timestamp.from(now.plus(LEASE)))
                .param("now", Timestamp.from(now))
                .param("limit", BATCH)
                .query((rs, n) -> new Item(rs.getObject("bulk_id", UUID.class), rs.getInt("position"),
                        new PracticeId(rs.getObject("practice_id", UUID.class)),
                        new PatientId(rs.getObject("patient_id", UUID.class)), rs.getString("context"),
                        rs.getString("template_key"), Channel.valueOf(rs.getString("channel")),
                        Purpose.valueOf(rs.getString("purpose")),
                        rs.getTimestamp("not_before") == null ? null : rs.getTimestamp("not_before").toInstant(),
                        new Actor(Actor.Type.valueOf(rs.getString("created_by_type")), rs.getString("created_by_id"))))
                .list());
        for (int from = 0; from < claimed.size(); from += CHUNK) {
            List<Item> chunk = claimed.subList(from, Math.min(claimed.size(), from + CHUNK));
            try {
                // A chunk in one transaction: shared reads, batched writes, one audit append and one commit.
                transactions.executeWithoutResult(status -> send(chunk));
            } catch (RuntimeException e) {
                // Something in the chunk was refused (or failed): each item again on its own.
                chunk.forEach(this::sendAlone);
            }
        }
        return claimed.size();
    }

    /** The chunk's items as messages, one {@link Messages#sendAll} per bulk send among them. */
    private void send(List<Item> chunk) {
        Map<UUID, List<Item>> byBulk = new LinkedHashMap<>();
        chunk.forEach(item -> byBulk.computeIfAbsent(item.bulk(), bulk -> new ArrayList<>()).add(item));
        List<Object[]> finished = new ArrayList<>();
        for (List<Item> items : byBulk.values()) {
            Item first = items.get(0);
            List<Message> sent = messages.sendAll(first.practice(), first.requestedBy(),
                    items.stream().map(this::request).toList());
            for (int i = 0; i < items.size(); i++) {
                finished.add(new Object[] {"SENT", sent.get(i).id().value(), null, items.get(i).bulk(),
                        items.get(i).position()});
            }
        }
        finish(finished);
    }

    private SendRequest request(Item item) {
        return new SendRequest(item.patient(), null, item.channel(), item.templateKey(),
                json.readValue(item.context(), new TypeReference<Map<String, Object>>() {
                }), item.purpose(), "bulk:" + item.bulk() + ":" + item.position(), item.notBefore());
    }

    private void sendAlone(Item item) {
        try {
            transactions.executeWithoutResult(status -> send(List.of(item)));
        } catch (InvalidFieldException | NotFoundException e) {
            transactions.executeWithoutResult(status -> finish(List.<Object[]>of(new Object[] {"REFUSED", null,
                    e.getMessage(), item.bulk(), item.position()})));
        }
    }

    /** Rows of status, message id, reason, bulk id and position. */
    private void finish(List<Object[]> items) {
        batch.batchUpdate("UPDATE bulk_send_item SET status = ?, message_id = ?, reason = ?, claimed_until = NULL "
                + "WHERE bulk_id = ? AND position = ?", items);
    }

    private record Item(UUID bulk, int position, PracticeId practice, PatientId patient, String context,
            String templateKey, Channel channel, Purpose purpose, Instant notBefore, Actor requestedBy) {
    }
}
