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
import org.carerelay.inbox.triage.Risk;
import org.carerelay.inbox.triage.Triage;
import org.carerelay.inbox.triage.TriageSignal;
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
            + "assigned_to, sla_warn_at, sla_due_at, last_message_at, possible_crisis, possible_crisis_since";
    /** The reasons of the flags: "crisis: …" (before issue 14), "possible crisis (model 0.42): …" and the like. */
    private static final java.util.regex.Pattern FLAG_REASON = java.util.regex.Pattern.compile(
            "^(crisis|possible crisis|urgent)\\b.*");

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
    private final PossibleCrises possibleCrises;
    private final ConversationLifts lifts;
    private final Clock clock;

    Conversations(JdbcClient jdbc, Triage triage, Patients patients, StaffUsers staffUsers,
            ClinicalAccess clinicalAccess, InboxEvents events, InboundMessages inboundMessages, AuditLog auditLog,
            JsonMapper json, PhiCipher cipher, PossibleCrises possibleCrises, ConversationLifts lifts, Clock clock) {
        this.possibleCrises = possibleCrises;
        this.lifts = lifts;
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

    /**
     * The conversations the filter selects, the most recently active first; for staff who may read clinical content,
     * open conversations marked as a possible crisis nobody has opened yet come before them.
     */
    @Transactional(readOnly = true)
    public ListPage<ConversationSummary> list(Caller caller, ConversationFilter filter, PageRequest page) {
        Instant now = clock.instant();
        ConversationQuery query = ConversationQuery.of(caller, filter, now, clinicalAccess.canSeeUrgent(caller));
        return Paging.page(jdbc, COLUMNS, query.from(), query.orderBy(), query.params(),
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

    /**
     * A conversation with its messages: a PHI access, audited whether or not the texts are shown. Why triage flagged
     * each message (its signals, and the reasons of its flags) is shown to staff who may read clinical content only.
     * A member of staff who may read it opening it clears its possible-crisis mark: the summary returned is the one
     * they opened, mark included.
     */
    @Transactional
    public Conversation view(Caller caller, UUID id) {
        ConversationSummary summary = summary(caller, id);
        boolean hidden = !maySee(caller, summary);
        boolean explained = !hidden && clinicalAccess.canSeeUrgent(caller);
        List<FiledEntry> filed = jdbc.sql("""
                SELECT id, direction, channel, body, category, urgent, crisis, risk, language, confidence, reasons,
                       signals, staff_id, created_at, inbound_message_id
                FROM inbox_message WHERE conversation_id = :id AND practice_id = :practice
                ORDER BY created_at, id""")
                .param("id", id)
                .param("practice", caller.practice().value())
                .query((rs, n) -> new FiledEntry(entry(rs, hidden, explained),
                        rs.getObject("inbound_message_id", UUID.class)))
                .list();
        List<Conversation.Entry> entries = hidden ? filed.stream().map(FiledEntry::entry).toList()
                : withAttachments(caller, filed);
        auditLog.record(AuditEvent.of(caller, "phi.conversation.viewed", AuditEvent.Target.of("conversation", id),
                Map.of("content", !hidden)));
        if (!hidden && caller.person() != null && summary.possibleCrisisSince() != null) {
            possibleCrises.clear(caller, id, PossibleCrises.Cleared.OPENED);
            events.changed(caller.practice());
        }
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
     * Corrects the conversation's category; the queue follows unless the conversation is urgent (on call keeps it)
     * or a possible crisis (clinicians keep it). The correction teaches the practice's triage model: the
     * conversation's first message is recorded with the right category.
     */
    @Transactional
    public void recategorize(Caller caller, UUID id, Category category) {
        change(caller, id, "category = :category, queue = CASE WHEN urgent OR crisis THEN 'ON_CALL' "
                        + "WHEN possible_crisis AND :queue = 'FRONT_DESK' THEN 'CLINICAL' ELSE :queue END",
                Map.of("category", category.name(), "queue", Queue.of(category, false, false).name()),
                "inbox.conversation.recategorized", Map.of("category", category));
        firstInbound(id).ifPresent(first -> triage.recordCorrection(caller.practice(), caller.actor(), first.text(),
                category));
    }

    /**
     * A clinician's correction of the category and of the flags (see {@link Recategorizations}): the conversation
     * takes them, raised to urgent or crisis as a message would raise it (queue, reply clock) or lowered, and
     * loses its lasting possible-crisis flag. The practice's model learns the category from the first message and
     * the flags from the message that raised them (the latest flagged one, else the latest). Returns the
     * conversation as it was.
     */
    ConversationSummary judge(Caller caller, UUID id, Category category, SafetyJudgement judgement) {
        ConversationSummary before = jdbc.sql("SELECT " + COLUMNS + " FROM conversation WHERE id = :id "
                        + "AND practice_id = :practice FOR UPDATE")
                .param("id", id).param("practice", caller.practice().value())
                .query((rs, n) -> summary(rs, clock.instant())).optional()
                .orElseThrow(() -> new NotFoundException("Conversation"));
        if (judgement.urgent() && (!before.urgent() || judgement.crisis() && !before.crisis())) {
            lifts.byStaff(caller, id, category, judgement.crisis());
        }
        Queue queue = judgement.urgent() ? Queue.ON_CALL : Queue.of(category, false, false);
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("category", category);
        details.put("judgement", judgement);
        details.put("crisis", judgement.crisis());
        details.put("urgent", judgement.urgent());
        change(caller, id, "category = :category, urgent = :urgent, crisis = :crisis, possible_crisis = false, "
                + "queue = :queue", Map.of("category", category.name(), "urgent", judgement.urgent(), "crisis",
                        judgement.crisis(), "queue", queue.name()), "inbox.conversation.recategorized", details);
        Optional<InboundText> first = firstInbound(id);
        Optional<InboundText> flagged = jdbc.sql("""
                SELECT id, body, category FROM inbox_message WHERE conversation_id = :id AND direction = 'INBOUND'
                ORDER BY (urgent OR crisis OR risk IN ('POSSIBLE', 'CRISIS')) IS TRUE DESC, created_at DESC, id DESC
                LIMIT 1""")
                .param("id", id)
                .query((rs, n) -> inboundText(rs))
                .optional();
        if (first.isPresent() && flagged.isPresent() && !first.get().id().equals(flagged.get().id())) {
            triage.recordCorrection(caller.practice(), caller.actor(), first.get().text(), category);
            Category its = flagged.get().category() == null ? category : flagged.get().category();
            triage.recordCorrection(caller.practice(), caller.actor(), flagged.get().text(), its,
                    judgement.crisis(), judgement.urgent());
        } else {
            first.ifPresent(text -> triage.recordCorrection(caller.practice(), caller.actor(), text.text(), category,
                    judgement.crisis(), judgement.urgent()));
        }
        return before;
    }

    /** An inbound message's text, opened, with the category triage gave it. */
    private record InboundText(UUID id, String text, Category category) {
    }

    private Optional<InboundText> firstInbound(UUID conversation) {
        return jdbc.sql("""
                SELECT id, body, category FROM inbox_message WHERE conversation_id = :id AND direction = 'INBOUND'
                ORDER BY created_at, id LIMIT 1""")
                .param("id", conversation)
                .query((rs, n) -> inboundText(rs))
                .optional();
    }

    private InboundText inboundText(ResultSet rs) throws SQLException {
        UUID message = rs.getObject("id", UUID.class);
        String category = rs.getString("category");
        return new InboundText(message, cipher.open(rs.getString("body"), "inbox_message.body:" + message),
                category == null ? null : Category.valueOf(category));
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
     * The same, given the patients among a page's whose clinical content the caller may see. An urgent, crisis or
     * possible-crisis message is for every clinician, not only those whose patient it is: whoever is on call acts
     * on it.
     */
    private boolean maySee(Caller caller, ConversationSummary summary, Set<PatientId> readable) {
        if (!summary.queue().clinical()) {
            return true;
        }
        if ((summary.urgent() || summary.crisis() || summary.possibleCrisis())
                && clinicalAccess.canSeeUrgent(caller)) {
            return true;
        }
        return summary.patientId() == null ? caller.can(Permissions.CLINICAL_VIEW)
                : readable.contains(summary.patientId());
    }

    private static ConversationSummary summary(ResultSet rs, Instant now) throws SQLException {
        UUID patient = rs.getObject("patient_id", UUID.class);
        Timestamp warn = rs.getTimestamp("sla_warn_at");
        Timestamp due = rs.getTimestamp("sla_due_at");
        Timestamp marked = rs.getTimestamp("possible_crisis_since");
        return new ConversationSummary(rs.getObject("id", UUID.class), patient == null ? null : new PatientId(patient),
                rs.getString("channel"), Category.valueOf(rs.getString("category")), rs.getBoolean("urgent"),
                rs.getBoolean("crisis"), Queue.valueOf(rs.getString("queue")), rs.getString("status"),
                rs.getObject("assigned_to", UUID.class),
                SlaState.of(warn == null ? null : warn.toInstant(), due == null ? null : due.toInstant(), now),
                due == null ? null : due.toInstant(), rs.getTimestamp("last_message_at").toInstant(),
                rs.getBoolean("possible_crisis"), marked == null ? null : marked.toInstant());
    }

    /**
     * @param explained the viewer may see why triage flagged it: the signals and the reasons of the flags
     */
    private Conversation.Entry entry(ResultSet rs, boolean hidden, boolean explained) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String category = rs.getString("category");
        String risk = rs.getString("risk");
        String reasons = hidden ? null : cipher.open(rs.getString("reasons"), "inbox_message.reasons:" + id);
        String signals = explained ? cipher.open(rs.getString("signals"), "inbox_message.signals:" + id) : null;
        List<String> reasonList = reasons == null ? null : json.readValue(reasons,
                new TypeReference<List<String>>() {
                });
        if (reasonList != null && !explained) {
            reasonList = reasonList.stream().filter(reason -> !FLAG_REASON.matcher(reason).matches()).toList();
        }
        return new Conversation.Entry(id, rs.getString("direction"), rs.getString("channel"),
                hidden ? null : cipher.open(rs.getString("body"), "inbox_message.body:" + id),
                category == null ? null : Category.valueOf(category), (Boolean) rs.getObject("urgent"),
                (Boolean) rs.getObject("crisis"), risk == null ? null : Risk.valueOf(risk),
                hidden ? null : rs.getString("language"),
                rs.getObject("confidence") == null ? null : rs.getDouble("confidence"), reasonList,
                signals == null ? null : json.readValue(signals, new TypeReference<List<TriageSignal>>() {
                }),
                rs.getObject("staff_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                hidden || !"VOICE".equals(rs.getString("channel")) ? null
                        : rs.getObject("inbound_message_id", UUID.class), null);
    }
}
