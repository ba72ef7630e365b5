package org.carerelay.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.inbox.triage.Triage;
import org.carerelay.messaging.InboundAttachment;
import org.carerelay.messaging.InboundMessages;
import org.carerelay.practice.ClinicalAccess;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.practice.StaffUserId;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Caller;
import org.carerelay.shared.ListPage;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Paging;
import org.carerelay.shared.Permissions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbox as staff work it: conversations listed with filters, opened (a PHI access, audited), assigned,
 * recategorized and resolved. Clinical conversations (the clinical and on-call queues) show their texts only to
 * staff who may see the patient's clinical record.
 */
@Service
public class Conversations {

    private static final String COLUMNS = "id, patient_id, channel, category, urgent, crisis, queue, status, "
            + "assigned_to, sla_warn_at, sla_due_at, last_message_at";

    private static final int PREVIEW = 140;

    private final JdbcClient jdbc;
    private final Triage triage;
    private final Patients patients;
    private final StaffUsers staffUsers;
    private final ClinicalAccess clinicalAccess;
    private final InboxEvents events;
    private final InboundMessages inboundMessages;
    private final AuditLog auditLog;
    private final JsonMapper json;
    private final PhiCipher cipher;
    private final Clock clock;

    Conversations(JdbcClient jdbc, Triage triage, Patients patients, StaffUsers staffUsers,
            ClinicalAccess clinicalAccess, InboxEvents events, InboundMessages inboundMessages, AuditLog auditLog,
            JsonMapper json, PhiCipher cipher, Clock clock) {
        this.inboundMessages = inboundMessages;
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.triage = triage;
        this.patients = patients;
        this.staffUsers = staffUsers;
        this.clinicalAccess = clinicalAccess;
        this.events = events;
        this.auditLog = auditLog;
        this.json = json;
        this.clock = clock;
    }

    /** The conversations the filter selects, the most recently active first. */
    @Transactional(readOnly = true)
    public ListPage<ConversationSummary> list(Caller caller, ConversationFilter filter, PageRequest page) {
        Instant now = clock.instant();
        ConversationQuery query = ConversationQuery.of(caller, filter, now);
        return Paging.page(jdbc, COLUMNS, query.from(), ConversationQuery.ORDER_BY, query.params(),
                (rs, n) -> summary(rs, now), page);
    }

    /**
     * The inbox as the console shows it: each conversation with its patient's name and the start of the patient's
     * latest message (for those the caller may read). A PHI access, audited with the patients shown. A fixed number of
     * queries whatever the page holds: names, latest messages and clinical access are each read for the whole page.
     */
    @Transactional
    public ListPage<InboxRow> rows(Caller caller, ConversationFilter filter, PageRequest page) {
        ListPage<ConversationSummary> conversations = list(caller, filter, page);
        List<UUID> ids = conversations.items().stream().map(ConversationSummary::id).toList();
        Map<PatientId, String> names = patients.names(caller.practice(), conversations.items().stream()
                .map(ConversationSummary::patientId).filter(Objects::nonNull).toList());
        Set<PatientId> readable = clinicalAccess.visiblePatients(caller, conversations.items().stream()
                .filter(summary -> summary.queue().clinical() && summary.patientId() != null)
                .map(ConversationSummary::patientId).toList());
        Map<UUID, LatestMessage> latest = latestMessages(caller, ids);
        ListPage<InboxRow> rows = conversations.map(summary -> {
            LatestMessage last = latest.getOrDefault(summary.id(), new LatestMessage(null, null));
            return new InboxRow(summary, summary.patientId() == null ? null : names.get(summary.patientId()),
                    last.sender(), maySee(caller, summary, readable) ? preview(last.text()) : null);
        });
        auditLog.record(AuditEvent.of(caller, "phi.inbox.listed", null, Map.of("conversations", ids)));
        return rows;
    }

    private record LatestMessage(String sender, String text) {
    }

    /**
     * Each conversation's address and the patient's newest message, opened: one index probe per conversation. Our
     * own answers (staff replies, the after-hours auto-reply) are never the preview: staff scan for what the
     * patient said.
     */
    private Map<UUID, LatestMessage> latestMessages(Caller caller, List<UUID> conversations) {
        Map<UUID, LatestMessage> latest = new HashMap<>();
        if (conversations.isEmpty()) {
            return latest;
        }
        jdbc.sql("""
                SELECT c.id AS conversation_id, c.sender, m.id, m.body
                FROM conversation c
                LEFT JOIN LATERAL (SELECT id, body FROM inbox_message
                                   WHERE conversation_id = c.id AND practice_id = c.practice_id
                                     AND direction = 'INBOUND'
                                   ORDER BY created_at DESC, id DESC LIMIT 1) m ON true
                WHERE c.practice_id = :practice AND c.id IN (:ids)""")
                .param("practice", caller.practice().value())
                .param("ids", conversations)
                .query(rs -> {
                    UUID message = rs.getObject("id", UUID.class);
                    latest.put(rs.getObject("conversation_id", UUID.class), new LatestMessage(rs.getString("sender"),
                            cipher.open(rs.getString("body"), "inbox_message.body:" + message)));
                });
        return latest;
    }

    private static String preview(String text) {
        if (text == null) {
            return null;
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= PREVIEW ? line : line.substring(0, PREVIEW - 1) + "…";
    }

    /** A conversation with its messages: a PHI access, audited whether or not the texts are shown. */
    @Transactional
    public Conversation view(Caller caller, UUID id) {
        ConversationSummary summary = summary(caller, id);
        boolean hidden = !maySee(caller, summary);
        List<FiledEntry> filed = jdbc.sql("""
                SELECT id, direction, channel, body, category, urgent, crisis, confidence, reasons, staff_id,
                       created_at, inbound_message_id
                FROM inbox_message WHERE conversation_id = :id AND practice_id = :practice
                ORDER BY created_at, id""")
                .param("id", id)
                .param("practice", caller.practice().value())
                .query((rs, n) -> new FiledEntry(entry(rs, hidden), rs.getObject("inbound_message_id", UUID.class)))
                .list();
        List<Conversation.Entry> entries = hidden ? filed.stream().map(FiledEntry::entry).toList()
                : withAttachments(caller, filed);
        auditLog.record(AuditEvent.of(caller, "phi.conversation.viewed", AuditEvent.Target.of("conversation", id),
                Map.of("content", !hidden)));
        return new Conversation(summary, hidden, entries);
    }

    /** An entry with the raw inbound message it was filed from (null for a reply). */
    private record FiledEntry(Conversation.Entry entry, UUID inboundMessageId) {
    }

    private List<Conversation.Entry> withAttachments(Caller caller, List<FiledEntry> filed) {
        Map<UUID, List<InboundAttachment>> files = inboundMessages.attachments(caller.practice(), filed.stream()
                .map(FiledEntry::inboundMessageId).filter(Objects::nonNull).toList());
        return filed.stream().map(row -> row.entry().withAttachments(
                row.inboundMessageId() == null ? List.of() : files.getOrDefault(row.inboundMessageId(), List.of())))
                .toList();
    }

    /**
     * A file an e-mail of a conversation came with, for {@code caller} to open: a PHI access, audited; empty when
     * unknown, refused (too large) or in a conversation whose clinical content the caller may not read.
     */
    @Transactional
    public Optional<InboundAttachment.Content> attachment(Caller caller, UUID id) {
        Optional<InboundAttachment.Content> file = inboundMessages.attachmentContent(caller.practice(), id);
        Optional<UUID> conversation = file.flatMap(found -> jdbc.sql(
                        "SELECT conversation_id FROM inbox_message WHERE inbound_message_id = :inbound "
                                + "AND practice_id = :practice")
                .param("inbound", found.attachment().inboundMessageId())
                .param("practice", caller.practice().value())
                .query(UUID.class)
                .optional());
        if (conversation.isEmpty() || !maySee(caller, summary(caller, conversation.get()))) {
            return Optional.empty();
        }
        auditLog.record(AuditEvent.of(caller, "phi.attachment.viewed", AuditEvent.Target.of("conversation",
                conversation.get()), Map.of("attachment", id)));
        return file;
    }

    /** Assigns the conversation to a member of staff, or to nobody ({@code staff} null). */
    @Transactional
    public void assign(Caller caller, UUID id, UUID staff) {
        if (staff != null) {
            staffUsers.requireActive(caller.practice(), new StaffUserId(staff), "staffId");
        }
        Map<String, Object> values = new HashMap<>();
        values.put("staff", staff);
        change(caller, id, "assigned_to = :staff", values, "inbox.conversation.assigned",
                Map.of("staff", staff == null ? "nobody" : staff));
    }

    /**
     * Corrects the conversation's category; the queue follows unless the conversation is urgent. The correction
     * teaches the practice's triage model: the conversation's first message is recorded with the right category.
     */
    @Transactional
    public void recategorize(Caller caller, UUID id, Category category) {
        change(caller, id, "category = :category, queue = CASE WHEN urgent OR crisis THEN 'ON_CALL' ELSE :queue END",
                Map.of("category", category.name(), "queue", Queue.of(category, false, false).name()),
                "inbox.conversation.recategorized", Map.of("category", category));
        jdbc.sql("""
                SELECT id, body FROM inbox_message WHERE conversation_id = :id AND direction = 'INBOUND'
                ORDER BY created_at, id LIMIT 1""")
                .param("id", id)
                .query((rs, n) -> cipher.open(rs.getString("body"), "inbox_message.body:" + rs.getObject("id",
                        UUID.class)))
                .optional()
                .ifPresent(text -> triage.recordCorrection(caller.practice(), caller.actor(), text, category));
    }

    /** Closes the conversation: nothing awaits a reply; a new message from the patient opens a new one. */
    @Transactional
    public void resolve(Caller caller, UUID id) {
        change(caller, id, "status = 'RESOLVED', resolved_at = :now, sla_started_at = NULL, sla_warn_at = NULL, "
                + "sla_due_at = NULL", Map.of(), "inbox.conversation.resolved", Map.of());
    }

    /** One change to one conversation of the caller's practice, audited and announced to open inboxes. */
    private void change(Caller caller, UUID id, String set, Map<String, Object> values, String action,
            Map<String, Object> audit) {
        int updated = jdbc.sql("UPDATE conversation SET " + set + ", updated_at = :now "
                        + "WHERE id = :id AND practice_id = :practice")
                .params(values)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .param("practice", caller.practice().value())
                .update();
        if (updated == 0) {
            throw new NotFoundException("Conversation");
        }
        auditLog.record(AuditEvent.of(caller, action, AuditEvent.Target.of("conversation", id), audit));
        events.changed(caller.practice());
    }

    /** One conversation of the caller's practice, without its messages; 404 for another practice's. */
    ConversationSummary summary(Caller caller, UUID id) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT " + COLUMNS + " FROM conversation WHERE id = :id AND practice_id = :practice")
                .param("id", id)
                .param("practice", caller.practice().value())
                .query((rs, n) -> summary(rs, now))
                .optional()
                .orElseThrow(() -> new NotFoundException("Conversation"));
    }

    /** Whether {@code caller} may read the texts of a conversation. */
    boolean maySee(Caller caller, ConversationSummary summary) {
        return maySee(caller, summary, summary.queue().clinical() && summary.patientId() != null
                ? clinicalAccess.visiblePatients(caller, List.of(summary.patientId())) : Set.of());
    }

    /**
     * The same, given the patients among a page's whose clinical content the caller may see. An urgent or crisis
     * message is for every clinician, not only those whose patient it is.
     */
    private boolean maySee(Caller caller, ConversationSummary summary, Set<PatientId> readable) {
        if (!summary.queue().clinical()) {
            return true;
        }
        if ((summary.urgent() || summary.crisis()) && clinicalAccess.canSeeUrgent(caller)) {
            return true;
        }
        return summary.patientId() == null ? caller.can(Permissions.CLINICAL_VIEW)
                : readable.contains(summary.patientId());
    }

    private static ConversationSummary summary(ResultSet rs, Instant now) throws SQLException {
        UUID patient = rs.getObject("patient_id", UUID.class);
        Timestamp warn = rs.getTimestamp("sla_warn_at");
        Timestamp due = rs.getTimestamp("sla_due_at");
        return new ConversationSummary(rs.getObject("id", UUID.class), patient == null ? null : new PatientId(patient),
                rs.getString("channel"), Category.valueOf(rs.getString("category")), rs.getBoolean("urgent"),
                rs.getBoolean("crisis"), Queue.valueOf(rs.getString("queue")), rs.getString("status"),
                rs.getObject("assigned_to", UUID.class),
                SlaState.of(warn == null ? null : warn.toInstant(), due == null ? null : due.toInstant(), now),
                due == null ? null : due.toInstant(), rs.getTimestamp("last_message_at").toInstant());
    }

    private Conversation.Entry entry(ResultSet rs, boolean hidden) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String category = rs.getString("category");
        String reasons = hidden ? null : cipher.open(rs.getString("reasons"), "inbox_message.reasons:" + id);
        return new Conversation.Entry(id, rs.getString("direction"), rs.getString("channel"),
                hidden ? null : cipher.open(rs.getString("body"), "inbox_message.body:" + id),
                category == null ? null : Category.valueOf(category), (Boolean) rs.getObject("urgent"),
                (Boolean) rs.getObject("crisis"),
                rs.getObject("confidence") == null ? null : rs.getDouble("confidence"),
                reasons == null ? null : json.readValue(reasons, new TypeReference<List<String>>() {
                }),
                rs.getObject("staff_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                hidden || !"VOICE".equals(rs.getString("channel")) ? null
                        : rs.getObject("inbound_message_id", UUID.class), null);
    }
}
