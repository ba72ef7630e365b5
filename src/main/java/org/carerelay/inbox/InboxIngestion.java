package org.carerelay.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.inbox.triage.Risk;
import org.carerelay.messaging.InboundMessage;
import org.carerelay.messaging.InboundMessageReceived;
import org.carerelay.messaging.InboundMessageTranscribed;
import org.carerelay.messaging.InboundMessages;
import org.carerelay.messaging.inbound.SmsKeyword;
import org.carerelay.practice.ContactPoints;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.Locations;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.scheduling.TextReplies;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.PracticeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes each message the hub hands on into the inbox: matches it to its patient (exactly one holder of the address;
 * a family phone or an unknown address waits for staff), triages it, threads it into the conversation it answers
 * (an e-mail reply, {@link ReplyThreads}) or else the patient's open conversation, or opens one, routes it to a
 * queue and starts its reply clock.
 *
 * <p>Filing runs inside the webhook's own transaction, under a savepoint: a message is in the inbox when its
 * webhook is answered, for one commit. If filing fails, only the filing rolls back; the raw message is kept and
 * its filing is retried from the event publication registry ({@link FilingDeferred}), so nothing is lost.
 */
@Component
class InboxIngestion {

    private static final Logger log = LoggerFactory.getLogger(InboxIngestion.class);
    private static final Actor ACTOR = Actor.system("inbox");

    /**
     * A text of "CANCEL" opted its number out (the hub did that: carriers and the FCC rule make it an opt-out word).
     * The patient may have meant their appointment, which only staff can ask, by phone or email.
     */
    private static final TriageDecision CANCEL_OPT_OUT = new TriageDecision(Category.APPOINTMENT, false, false,
            Risk.NONE, "und", 1.0, List.of("CANCEL opted this number out of texts; ask the patient by phone or email "
                    + "whether they meant to cancel an appointment"), List.of());
    /** Triaged when its transcription arrives: the placeholder text would only be read for what it is not. */
    private static final TriageDecision AWAITING_TRANSCRIPTION = new TriageDecision(Category.CLINICAL, false, false,
            Risk.NONE, "und", 0.0, List.of("voicemail: triaged when its transcription arrives"), List.of());
    /**
     * A voicemail whose transcription failed may say anything, a crisis included, and nothing can read it but a
     * person: a possible crisis, so that a clinician listens within the hour (paged if nobody has opened it).
     */
    private static final TriageDecision UNTRANSCRIBED = new TriageDecision(Category.CLINICAL, false, false,
            Risk.POSSIBLE, "und", 0.0, List.of("voicemail: the transcription failed; listen to it"), List.of());

    private final JdbcClient jdbc;
    private final InboundMessages inbound;
    private final TextReplies textReplies;
    private final ContactPoints contactPoints;
    private final Patients patients;
    private final Locations locations;
    private final Settings settings;
    private final InboxTriage triage;
    private final InboxEvents events;
    private final Escalations escalations;
    private final AfterHoursReplies afterHours;
    private final SafetyReplies safetyReplies;
    private final ConversationLifts lifts;
    private final ReplyClocks replyClocks;
    private final ReplyThreads replyThreads;
    private final AuditLog auditLog;
    private final JsonMapper json;
    private final PhiCipher cipher;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;
    private final PatientAttachments attachments;
    private final PossibleCrises possibleCrises;

    InboxIngestion(JdbcClient jdbc, InboundMessages inbound, ContactPoints contactPoints, Patients patients,
            Locations locations, Settings settings, InboxTriage triage, InboxEvents events, Escalations escalations,
            AfterHoursReplies afterHours, ReplyThreads replyThreads, AuditLog auditLog, JsonMapper json,
            PhiCipher cipher, Clock clock, ApplicationEventPublisher publisher, TextReplies textReplies,
            PatientAttachments attachments, SafetyReplies safetyReplies, ConversationLifts lifts,
            ReplyClocks replyClocks, PossibleCrises possibleCrises) {
        this.possibleCrises = possibleCrises;
        this.safetyReplies = safetyReplies;
        this.lifts = lifts;
        this.replyClocks = replyClocks;
        this.textReplies = textReplies;
        this.attachments = attachments;
        this.escalations = escalations;
        this.afterHours = afterHours;
        this.replyThreads = replyThreads;
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.inbound = inbound;
        this.contactPoints = contactPoints;
        this.patients = patients;
        this.locations = locations;
        this.settings = settings;
        this.triage = triage;
        this.events = events;
        this.auditLog = auditLog;
        this.json = json;
        this.clock = clock;
        this.publisher = publisher;
    }

    @EventListener
    void on(InboundMessageReceived received) {
        try {
            // The hub kept the message in this very transaction: it cannot have been filed yet.
            auditLog.withinSavepoint(() -> inbound.find(received.practice(), received.inboundMessageId())
                    .ifPresent(message -> file(received.practice(), message)));
        } catch (RuntimeException e) {
            // The class only: a database error's message can quote the values it refused.
            log.warn("Filing inbound message {} failed ({}); it will be retried", received.inboundMessageId(),
                    e.getClass().getName());
            publisher.publishEvent(new FilingDeferred(received.practice(), received.inboundMessageId()));
        }
    }

    @ApplicationModuleListener
    void on(FilingDeferred deferred) {
        receive(deferred.practice(), deferred.inboundMessageId());
    }

    @ApplicationModuleListener
    void on(InboundMessageTranscribed transcribed) {
        retriage(transcribed.practice(), transcribed.inboundMessageId());
    }

    /**
     * A voicemail's transcription arrived: it becomes the filed message's text and is triaged; an urgent or crisis
     * one raises the conversation's flags and pages on call, and a possible crisis marks it, as if it had come that
     * way.
     */
    @Transactional
    public void retriage(PracticeId practice, UUID inboundMessageId) {
        Optional<InboundMessage> found = inbound.find(practice, inboundMessageId);
        Optional<UUID[]> filed = jdbc.sql("SELECT id, conversation_id FROM inbox_message "
                        + "WHERE inbound_message_id = :inbound AND practice_id = :practice")
                .param("inbound", inboundMessageId)
                .param("practice", practice.value())
                .query((rs, n) -> new UUID[] {rs.getObject("id", UUID.class), rs.getObject("conversation_id",
                        UUID.class)})
                .optional();
        if (found.isEmpty() || filed.isEmpty()) {
            return; // not filed yet: the filing will read the transcription itself
        }
        UUID id = filed.get()[0];
        UUID conversation = filed.get()[1];
        TriageDecision decision = found.get().untranscribed() ? UNTRANSCRIBED
                : triage.decide(practice, found.get().body(), found.get().channel());
        jdbc.sql("""
                UPDATE inbox_message SET body = :body, category = :category, urgent = :urgent, crisis = :crisis,
                       risk = :risk, language = :language, confidence = :confidence, reasons = :reasons,
                       signals = :signals
                WHERE id = :id""")
                .param("body", cipher.seal(found.get().body(), "inbox_message.body:" + id))
                .param("category", decision.category().name())
                .param("urgent", decision.urgent())
                .param("crisis", decision.crisis())
                .param("risk", decision.risk().name())
                .param("language", decision.language())
                .param("confidence", (float) decision.confidence())
                .param("reasons", cipher.seal(json.writeValueAsString(decision.reasons()),
                        "inbox_message.reasons:" + id))
                .param("signals", sealedSignals(decision, id))
                .param("id", id)
                .update();
        if (decision.urgent() || decision.crisis()) {
            lifts.afterTranscription(practice, conversation, found.get().receivedAt(), decision);
            possibleCrises.lifted(conversation);
            escalations.raise(practice, conversation, decision.crisis());
            safetyReplies.answer(practice, conversation, patientOf(conversation), found.get(), decision);
        } else if (decision.possibleCrisis()) {
            lockConversation(conversation);
            possibleCrises.mark(practice, conversation, id, found.get().receivedAt());
        }
        auditLog.record(new AuditEvent(practice, ACTOR, "inbox.message.transcribed", AuditEvent.Target.of(
                "conversation", conversation), Map.of("message", id, "category", decision.category(),
                "urgent", decision.urgent(), "crisis", decision.crisis(), "risk", decision.risk(),
                "language", decision.language())));
        events.changed(practice);
    }

    /** Files the inbound message into the inbox, once: a second call for the same message changes nothing. */
    @Transactional
    public Optional<UUID> receive(PracticeId practice, UUID inboundMessageId) {
        if (alreadyFiled(inboundMessageId)) {
            return Optional.empty();
        }
        return inbound.find(practice, inboundMessageId).flatMap(message -> file(practice, message));
    }

    /** Files a message not filed before; empty when it answered a reminder and went to its visit instead. */
    private Optional<UUID> file(PracticeId practice, InboundMessage message) {
        UUID inboundMessageId = message.id();
        PatientId patient = match(practice, message);
        boolean text = message.channel().equals("SMS");
        if (text && patient != null
                && textReplies.answer(practice, patient, inboundMessageId, message.body()).isPresent()) {
            auditLog.record(new AuditEvent(practice, ACTOR, "inbox.message.handed-over",
                    AuditEvent.Target.of("inbound_message", inboundMessageId), Map.of("to", "scheduling")));
            return Optional.empty(); // a "C" or "X" answering a reminder: the visit took it, nobody needs to read it
        }
        TriageDecision decision = text && SmsKeyword.mayMeanAppointment(message.body()) ? CANCEL_OPT_OUT
                : message.awaitingTranscription() ? AWAITING_TRANSCRIPTION
                : triage.decide(practice, message.body(), message.channel());
        Instant now = clock.instant();
        // Two texts from one patient filed at once must not open two conversations: one at a time per sender.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 3))")
                .param("key", practice + ":inbox:" + (patient != null ? patient : message.sender()))
                .query((java.sql.ResultSet rs) -> {
                });
        Optional<OpenConversation> open = answeredConversation(practice, patient, message)
                .or(() -> openConversation(practice, patient, message.sender()));
        Location location = open.isEmpty() ? location(practice, patient)
                : open.get().locationId() == null ? null
                : locations.get(practice, new LocationId(open.get().locationId()));
        SlaClock hours = replyClocks.hours(practice, location);
        UUID conversation = open.isPresent()
                ? join(practice, open.get(), hours, message, decision, now)
                : start(practice, patient, location, hours, message, decision, now);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO inbox_message (id, practice_id, conversation_id, direction, channel, sender, body,
                                           inbound_message_id, category, urgent, crisis, risk, language, confidence,
                                           reasons, signals, created_at)
                VALUES (:id, :practice, :conversation, 'INBOUND', :channel, :sender, :body, :inbound, :category,
                        :urgent, :crisis, :risk, :language, :confidence, :reasons, :signals, :at)""")
                .param("id", id)
                .param("practice", practice.value())
                .param("conversation", conversation)
                .param("channel", message.channel())
                .param("sender", message.sender())
                .param("body", cipher.seal(message.body(), "inbox_message.body:" + id))
                .param("inbound", inboundMessageId)
                .param("category", decision.category().name())
                .param("urgent", decision.urgent())
                .param("crisis", decision.crisis())
                .param("risk", decision.risk().name())
                .param("language", decision.language())
                .param("confidence", (float) decision.confidence())
                .param("reasons", cipher.seal(json.writeValueAsString(decision.reasons()),
                        "inbox_message.reasons:" + id))
                .param("signals", sealedSignals(decision, id))
                .param("at", Timestamp.from(message.receivedAt()))
                .update();
        if (patient != null && message.channel().equals("EMAIL")) {
            attachments.keep(practice, ACTOR, patient, List.of(inboundMessageId));
        }
        auditLog.record(new AuditEvent(practice, ACTOR, "inbox.message.filed", AuditEvent.Target.of("conversation",
                conversation), Map.of("message", id, "matched", patient != null, "category", decision.category(),
                "urgent", decision.urgent(), "crisis", decision.crisis(), "risk", decision.risk(),
                "language", decision.language())));
        if (open.isPresent() && open.get().resolved()) {
            auditLog.record(new AuditEvent(practice, ACTOR, "inbox.conversation.reopened",
                    AuditEvent.Target.of("conversation", conversation), Map.of("message", id, "by", "email-reply")));
        }
        boolean guided = false;
        if (decision.urgent() || decision.crisis()) {
            possibleCrises.lifted(conversation);
            escalations.raise(practice, conversation, decision.crisis());
            guided = safetyReplies.answer(practice, conversation, patient, message, decision);
        }
        if (decision.possibleCrisis()) {
            possibleCrises.mark(practice, conversation, id, message.receivedAt());
        }
        if (!guided && !hours.isOpen(message.receivedAt())) {
            afterHours.answer(practice, conversation, patient, message); // the safety answer says what it would
        }
        events.changed(practice);
        return Optional.of(conversation);
    }

    /** The triage's signals, sealed: they quote the patient. */
    private String sealedSignals(TriageDecision decision, UUID id) {
        return cipher.seal(json.writeValueAsString(decision.signals()), "inbox_message.signals:" + id);
    }

    /** A conversation held for the rest of the transaction, as filing holds the one a message joins. */
    private void lockConversation(UUID conversation) {
        jdbc.sql("SELECT id FROM conversation WHERE id = :id FOR UPDATE").param("id", conversation)
                .query(UUID.class).single();
    }

    /** The patient of a conversation; null while it waits for matching. */
    private PatientId patientOf(UUID conversation) {
        UUID patient = jdbc.sql("SELECT patient_id FROM conversation WHERE id = :id")
                .param("id", conversation).query((rs, n) -> rs.getObject("patient_id", UUID.class)).single();
        return patient == null ? null : new PatientId(patient);
    }

    /** The conversation an already filed inbound message is in. */
    UUID conversationOf(UUID inboundMessageId) {
        return jdbc.sql("SELECT conversation_id FROM inbox_message WHERE inbound_message_id = :id")
                .param("id", inboundMessageId).query(UUID.class).single();
    }

    private boolean alreadyFiled(UUID inboundMessageId) {
        return jdbc.sql("SELECT EXISTS (SELECT FROM inbox_message WHERE inbound_message_id = :id)")
                .param("id", inboundMessageId).query(Boolean.class).single();
    }

    /** The one patient who holds the sender's address; null for none or several (never a guess). */
    private PatientId match(PracticeId practice, InboundMessage message) {
        if (message.channel().equals("PORTAL")) {
            return new PatientId(UUID.fromString(message.sender())); // written signed in: the patient is known
        }
        ContactSystem system = message.channel().equals("EMAIL") ? ContactSystem.EMAIL : ContactSystem.PHONE;
        List<PatientId> holders = contactPoints.holders(practice, system, message.sender()).stream()
                .map(ContactPoints.Holder::patient).distinct().toList();
        return holders.size() == 1 ? holders.get(0) : null;
    }

    /**
     * The conversation an e-mail answers, whatever its age and even resolved, when the sender is that
     * conversation's: its patient, or for a conversation still waiting for its patient, the same address. A reply
     * address or a Message-ID never says whose message it is: from anyone else (a relative writing from their own
     * address, a forwarded mail) it is filed by the usual rules, so no message reaches a patient's conversation
     * without matching that patient, and staff match an unknown sender as they would any other.
     */
    private Optional<OpenConversation> answeredConversation(PracticeId practice, PatientId patient,
            InboundMessage message) {
        if (!message.channel().equals("EMAIL")) {
            return Optional.empty();
        }
        String sender = patient != null ? "patient_id = :who" : "patient_id IS NULL AND sender = :who";
        return replyThreads.answered(practice, message.id()).flatMap(id -> jdbc.sql("SELECT " + OpenConversation.COLUMNS
                        + " FROM conversation WHERE id = :id AND practice_id = :practice AND " + sender + " FOR UPDATE")
                .param("id", id)
                .param("practice", practice.value())
                .param("who", patient != null ? patient.value() : message.sender())
                .query((rs, n) -> OpenConversation.read(rs))
                .optional());
    }

    /** The open conversation a new message joins: the patient's (or, unmatched, the sender's) latest, if recent. */
    private Optional<OpenConversation> openConversation(PracticeId practice, PatientId patient, String sender) {
        Instant since = clock.instant().minus(Duration.ofHours(settings.get(practice,
                Setting.INBOX_THREAD_WINDOW_HOURS)));
        String match = patient != null ? "patient_id = :who" : "patient_id IS NULL AND sender = :who";
        return jdbc.sql("SELECT " + OpenConversation.COLUMNS + " FROM conversation "
                        + "WHERE practice_id = :practice AND status = 'OPEN' AND " + match
                        + " AND last_message_at > :since ORDER BY last_message_at DESC LIMIT 1 FOR UPDATE")
                .param("practice", practice.value())
                .param("who", patient != null ? patient.value() : sender)
                .param("since", Timestamp.from(since))
                .query((rs, n) -> OpenConversation.read(rs))
                .optional();
    }

    private UUID start(PracticeId practice, PatientId patient, Location location, SlaClock hours,
            InboundMessage message, TriageDecision decision, Instant now) {
        UUID id = UUID.randomUUID();
        ReplyClocks.Sla sla = replyClocks.sla(practice, hours, decision.category(), decision.urgent() || decision.crisis(),
                message.receivedAt());
        jdbc.sql("""
                INSERT INTO conversation (id, practice_id, patient_id, sender, channel, location_id, category, urgent,
                                          crisis, queue, status, sla_started_at, sla_warn_at, sla_due_at,
                                          last_message_at, created_at, updated_at)
                VALUES (:id, :practice, :patient, :sender, :channel, :location, :category, :urgent, :crisis, :queue,
                        'OPEN', :slaStart, :slaWarn, :slaDue, :at, :now, :now)""")
                .param("id", id)
                .param("practice", practice.value())
                .param("patient", patient == null ? null : patient.value())
                .param("sender", message.sender())
                .param("channel", message.channel())
                .param("location", location == null ? null : location.id().value())
                .param("category", decision.category().name())
                .param("urgent", decision.urgent() || decision.crisis())
                .param("crisis", decision.crisis())
                .param("queue", decision.queue().name())
                .param("slaStart", Timestamp.from(message.receivedAt()))
                .param("slaWarn", Timestamp.from(sla.warnAt()))
                .param("slaDue", Timestamp.from(sla.dueAt()))
                .param("at", Timestamp.from(message.receivedAt()))
                .param("now", Timestamp.from(now))
                .update();
        auditLog.record(new AuditEvent(practice, ACTOR, "inbox.conversation.opened",
                AuditEvent.Target.of("conversation", id), Map.of("category", decision.category(),
                        "queue", decision.queue())));
        return id;
    }

    /**
     * Adds a message to a conversation: it becomes the latest, an urgent or crisis message lifts the conversation
     * ({@link OpenConversation#joinedBy}: its category, flags, the on-call queue), and the reply clock starts if
     * nothing was awaiting a reply or shortens to the message's clock (the urgent one for an urgent message). A
     * resolved conversation (one an e-mail answers) opens again.
     */
    private UUID join(PracticeId practice, OpenConversation open, SlaClock hours, InboundMessage message,
            TriageDecision decision, Instant now) {
        OpenConversation.Joined joined = open.joinedBy(decision);
        ReplyClocks.Sla sla = replyClocks.sla(practice, hours, joined.category(), decision.urgent() || decision.crisis(),
                message.receivedAt());
        boolean restartClock = open.clockGivesWayTo(sla.dueAt());
        jdbc.sql("""
                UPDATE conversation SET last_message_at = greatest(last_message_at, :at), channel = :channel,
                       category = :category, urgent = :urgent, crisis = :crisis, status = 'OPEN', resolved_at = NULL,
                       queue = coalesce(:queue, queue),
                       sla_started_at = CASE WHEN :restart THEN :slaStart ELSE sla_started_at END,
                       sla_warn_at = CASE WHEN :restart THEN :slaWarn ELSE sla_warn_at END,
                       sla_due_at = CASE WHEN :restart THEN :slaDue ELSE sla_due_at END,
                       updated_at = :now
                WHERE id = :id""")
                .param("at", Timestamp.from(message.receivedAt()))
                .param("channel", message.channel())
                .param("category", joined.category().name())
                .param("urgent", joined.urgent())
                .param("crisis", joined.crisis())
                .param("queue", joined.queue() == null ? null : joined.queue().name())
                .param("restart", restartClock)
                .param("slaStart", Timestamp.from(message.receivedAt()))
                .param("slaWarn", Timestamp.from(sla.warnAt()))
                .param("slaDue", Timestamp.from(sla.dueAt()))
                .param("now", Timestamp.from(now))
                .param("id", open.id())
                .update();
        if (joined.lifted()) {
            lifts.record(practice, open, joined, restartClock ? sla.dueAt() : open.slaDueAt());
        }
        return open.id();
    }

    /** The location whose hours keep the clock: the patient's usual one, else the practice's first. */
    private Location location(PracticeId practice, PatientId patient) {
        if (patient != null) {
            LocationId usual = patients.find(practice, patient).usualLocationId();
            if (usual != null) {
                return locations.get(practice, usual);
            }
        }
        return locations.list(practice, new PageRequest(0, 1)).items().stream().findFirst().orElse(null);
    }

    /** A kept inbound message whose filing failed in its webhook's transaction, to be filed again later. */
    record FilingDeferred(PracticeId practice, UUID inboundMessageId) {
    }
}
