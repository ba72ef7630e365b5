package org.carerelay.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.messaging.policy.DeliveryPolicy;
import org.carerelay.messaging.policy.PolicyFacts;
import org.carerelay.messaging.policy.PolicyOutcome;
import org.carerelay.messaging.dispatch.DeliveryContent;
import org.carerelay.messaging.dispatch.DeliveryLog;
import org.carerelay.messaging.dispatch.ThreadHeaders;
import org.carerelay.messaging.template.GsmFolding;
import org.carerelay.messaging.template.RenderedMessage;
import org.carerelay.messaging.template.SmsSegments;
import org.carerelay.messaging.template.TemplateException;
import org.carerelay.messaging.template.TemplateModel;
import org.carerelay.messaging.template.TemplateParts;
import org.carerelay.messaging.template.TemplateRenderer;
import org.carerelay.messaging.template.TemplateVersion;
import org.carerelay.messaging.template.Templates;
import org.carerelay.practice.ClinicalAccess;
import org.carerelay.practice.ContactPoint;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.Patient;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Practices;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.ConflictException;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.ListPage;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Paging;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way a patient is told anything. {@link #send} renders the template for the channel, runs the delivery
 * policy, stores the message and its delivery (queued, deferred or suppressed, with every decision) and returns
 * at once; the dispatch workers do the sending.
 */
@Service
public class Messages {

    /**
     * The template of the code that proves a phone or address the patient's: the one message an unverified contact
     * point receives (see {@link DeliveryPolicy}).
     */
    public static final String CONTACT_VERIFICATION_TEMPLATE = "contact-verification";
    /** How far ahead a message may be scheduled. */
    static final java.time.Duration MAX_NOT_BEFORE = java.time.Duration.ofDays(366);
    /** The unsubscribe link's words in the shipped languages. */
    private static final Map<String, String> UNSUBSCRIBE_LABELS = Map.of("en", "Unsubscribe from these emails",
            "es", "Cancelar la suscripción a estos correos");

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final ClinicalAccess clinicalAccess;
    private final Unsubscribes unsubscribes;
    private final AuditLog auditLog;
    private final Patients patients;
    private final Practices practices;
    private final Templates templates;
    private final TemplateRenderer renderer;
    private final DeliveryPolicy policy;
    private final DeliveryLog deliveryLog;
    private final DeliveryContent content;
    private final EmailThreads emailThreads;
    private final JsonMapper json;
    private final Clock clock;

    Messages(JdbcClient jdbc, NamedParameterJdbcTemplate batch, AuditLog auditLog, Patients patients,
            Practices practices, Templates templates, TemplateRenderer renderer, DeliveryPolicy policy,
            DeliveryLog deliveryLog, DeliveryContent content, ClinicalAccess clinicalAccess, Unsubscribes unsubscribes,
            EmailThreads emailThreads, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clinicalAccess = clinicalAccess;
        this.unsubscribes = unsubscribes;
        this.auditLog = auditLog;
        this.patients = patients;
        this.practices = practices;
        this.templates = templates;
        this.renderer = renderer;
        this.policy = policy;
        this.deliveryLog = deliveryLog;
        this.content = content;
        this.emailThreads = emailThreads;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Message send(Caller caller, SendRequest request) {
        return send(caller.practice(), caller.actor(), request);
    }

    /**
     * Requests a message on behalf of {@code actor}. The same idempotency key returns the message it first
     * made, never a second one. A template variable missing from the context refuses the request
     * ({@code context} field) before anything is stored.
     */
    @Transactional
    public Message send(PracticeId practice, Actor actor, SendRequest request) {
        return sendAll(practice, actor, List.of(request)).get(0);
    }

    /**
     * {@link #send} for many requests in one transaction (a reminder run, a bulk send): the reads are shared, one
     * query per kind for the whole list, and the rows are written in batches. One refused request refuses the
     * list, naming its field as {@link #send} would; the caller may then send the requests one by one.
     *
     * @return the message of each request, in order
     */
    @Transactional
    public List<Message> sendAll(PracticeId practice, Actor actor, List<SendRequest> requests) {
        Instant latestAllowed = clock.instant().plus(MAX_NOT_BEFORE);
        Instant latestNotBefore = null;
        for (SendRequest request : requests) {
            if (request.notBefore() != null && request.notBefore().isAfter(latestAllowed)) {
                throw new InvalidFieldException("notBefore", "must be within a year");
            }
            if (request.notBefore() != null && (latestNotBefore == null
                    || request.notBefore().isAfter(latestNotBefore))) {
                latestNotBefore = request.notBefore();
            }
        }
        Map<String, Message> earlier = byIdempotencyKeys(practice, requests);
        Map<PatientId, Patient> recipients = patients.findAll(practice,
                requests.stream().map(SendRequest::patient).toList());
        for (SendRequest request : requests) {
            if (!recipients.containsKey(request.patient())) {
                throw new NotFoundException("Patient", "patientId");
            }
        }
        lockRecipients(practice, recipients.values());
        PolicyFacts facts = policy.factsFor(practice,
                recipients.values().stream().flatMap(patient -> patient.contactPoints().stream()).toList(),
                recipients.keySet().stream().map(PatientId::value).toList(),
                requests.stream().anyMatch(request -> request.purpose() == Purpose.MARKETING), latestNotBefore);
        org.carerelay.practice.Practice details = practices.get(practice);
        Map<String, TemplateVersion> templatesByKey = new HashMap<>();

        List<Draft> drafts = new ArrayList<>();
        Map<String, Draft> draftsByKey = new HashMap<>();
        for (SendRequest request : requests) {
            String key = request.idempotencyKey();
            if (key != null && (earlier.containsKey(key) || draftsByKey.containsKey(key))) {
                drafts.add(null); // answered from the message the key already made, below
                continue;
            }
            Patient patient = recipients.get(request.patient());
            TemplateVersion template = templatesByKey.computeIfAbsent(
                    request.templateKey() + "|" + patient.preferredLanguage(),
                    k -> NotFoundException.referencedBy("templateKey",
                            () -> templates.effective(practice, request.templateKey(), patient.preferredLanguage())));
            Draft draft = draft(practice, details, facts, patient, request, template);
            drafts.add(draft);
            if (key != null) {
                draftsByKey.put(key, draft);
            }
        }
        Map<MessageId, Message> written = write(practice, actor,
                drafts.stream().filter(java.util.Objects::nonNull).toList());

        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            SendRequest request = requests.get(i);
            Draft draft = drafts.get(i);
            String key = request.idempotencyKey();
            Message message = draft != null ? written.get(draft.id()) : null;
            if (message == null) {
                // The key made a message earlier, in this list, or (the insert found it taken) concurrently.
                Message first = earlier.containsKey(key) ? earlier.get(key)
                        : draftsByKey.containsKey(key) && written.containsKey(draftsByKey.get(key).id())
                                ? written.get(draftsByKey.get(key).id())
                                : byIdempotencyKey(practice, key).orElseThrow();
                message = sameRequest(first, request);
            }
            messages.add(message);
        }
        return messages;
    }

    /** One request decided and rendered: the message and delivery rows to write. */
    private Draft draft(PracticeId practice, org.carerelay.practice.Practice details, PolicyFacts facts,
            Patient patient, SendRequest request, TemplateVersion template) {
        ContactPoint chosenContact = request.contactPoint() == null ? null : patient.contactPoints().stream()
                .filter(contact -> contact.id().equals(request.contactPoint()))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Contact point", "contactPointId"));
        ZoneId zone = ZoneId.of(patient.timeZone());
        Choice choice = choose(practice, facts, patient, request, chosenContact, template, zone);
        facts.decided(patient.id().value(), choice.channel(),
                choice.contact() == null ? null : choice.contact().value(), request.purpose(), choice.outcome());
        // Marketing e-mail carries its unsubscribe link in the footer and in List-Unsubscribe (RFC 8058).
        String unsubscribeToken = request.purpose() == Purpose.MARKETING && choice.channel() == Channel.EMAIL
                ? Unsubscribes.newToken() : null;
        Map<String, Object> model = new HashMap<>(
                TemplateModel.of(details, patient.givenName(), request.context()));
        if (unsubscribeToken != null) {
            model.put("unsubscribeUrl", unsubscribes.url(unsubscribeToken));
            model.put("unsubscribeLabel", UNSUBSCRIBE_LABELS.getOrDefault(template.language(), "Unsubscribe"));
        }
        RenderedMessage rendered;
        try {
            rendered = renderer.render(template.parts(), choice.channel(), model, zone, template.language());
        } catch (TemplateException e) {
            throw new InvalidFieldException("context", e.getMessage());
        }
        String text = switch (choice.channel()) {
            case EMAIL -> unsubscribeToken == null ? rendered.emailText()
                    : rendered.emailText() + "\n\n" + model.get("unsubscribeLabel") + ": " + model.get("unsubscribeUrl");
            case SMS -> choice.outcome().underExemption()
                    ? withExemptionNotices(rendered.sms(), details.brandName())
                    : rendered.sms();
            default -> rendered.inAppBody();
        };
        DeliveryId delivery = DeliveryId.random();
        return new Draft(MessageId.random(), patient.id(), template, request.purpose(), request.channel(),
                request.idempotencyKey(), request.notBefore(), new DraftDelivery(delivery, choice.channel(),
                        choice.contact() == null ? patient.id().toString() : choice.contact().value(),
                        choice.contact() == null ? null : choice.contact().id().value(), zone.getId(),
                        choice.channel() == Channel.EMAIL ? rendered.emailSubject() : rendered.inAppTitle(), text,
                        rendered.emailHtml(), unsubscribeToken, choice.channel() == Channel.EMAIL
                                ? emailThreads.headers(practice, delivery, request.threading()) : ThreadHeaders.NONE,
                        choice.outcome()));
    }

    /**
     * A verification code a patient asked for, to a phone or address they are adding and that is not yet theirs on
     * record: it goes to that address alone, never to a suppressed one.
     */
    @Transactional
    public Optional<Message> sendVerificationCode(PracticeId practice, Actor actor, Channel channel, String address,
            String templateKey, String language, Map<String, Object> context) {
        boolean suppressed = jdbc.sql("SELECT EXISTS (SELECT FROM suppression WHERE practice_id = :practice "
                        + "AND channel = :channel AND address = :address)")
                .param("practice", practice.value())
                .param("channel", channel.name())
                .param("address", address)
                .query(Boolean.class).single();
        if (suppressed) {
            return Optional.empty();
        }
        return Optional.of(sendAsked(practice, actor, channel, address, templateKey, language, context,
                Purpose.SECURITY, new Delivery.Decision("verification-code", "allowed",
                        "a code the patient asked for, to the address they are adding")));
    }

    /**
     * Replies by SMS to a number that texted a keyword (STOP, START, HELP): the one confirmation the patient
     * asked for, so it goes even to an opted-out number and outside quiet hours. The number may belong to no
     * patient, or to several (a family phone).
     */
    @Transactional
    public Message reply(PracticeId practice, String number, String templateKey, String language,
            Map<String, Object> context) {
        return sendAsked(practice, Actor.system("sms-keywords"), Channel.SMS, number, templateKey, language, context,
                Purpose.SECURITY, new Delivery.Decision("keyword-reply", "allowed",
                        "the reply the sender's keyword asks for"));
    }

    /**
     * E-mails a member of the practice's staff (a password reset they asked for): no patient, no consent rules,
     * no quiet hours; the practice's sender identity and provider as for every e-mail.
     */
    @Transactional
    public Message sendToStaff(PracticeId practice, String email, String templateKey, String language,
            Map<String, Object> context) {
        return sendAsked(practice, Actor.system("staff-accounts"), Channel.EMAIL, email, templateKey, language,
                context, Purpose.SECURITY, new Delivery.Decision("staff-account", "allowed",
                        "a security message the staff member asked for"));
    }

    /**
     * E-mails a member of the practice's staff a notice about their work (the inbox has overdue conversations):
     * no patient, no consent rules; the text carries no PHI, only a link to the console.
     */
    @Transactional
    public Message notifyStaff(PracticeId practice, String email, String templateKey, String language,
            Map<String, Object> context) {
        return sendAsked(practice, Actor.system("staff-notices"), Channel.EMAIL, email, templateKey, language,
                context, Purpose.TRANSACTIONAL, new Delivery.Decision("staff-notice", "allowed",
                        "a work notice to a member of the practice's staff"));
    }

    /**
     * Texts the practice's on-call phone (an urgent patient message waits): no patient, no consent rules, no quiet
     * hours, since waking the person on call is the point. The text carries no PHI, only a link to the console.
     */
    @Transactional
    public Message alertOnCall(PracticeId practice, String number, String templateKey, String language,
            Map<String, Object> context) {
        return sendAsked(practice, Actor.system("on-call"), Channel.SMS, number, templateKey, language, context,
                Purpose.TRANSACTIONAL, new Delivery.Decision("on-call", "allowed",
                        "an alert to the practice's on-call phone"));
    }

    /**
     * Answers a sender the practice cannot yet tie to one patient (an unknown number, a family phone) with an
     * automatic reply such as the after-hours notice. Nothing goes to an address on the suppression list.
     *
     * @return the message, or empty when the address is suppressed
     */
    @Transactional
    public Optional<Message> answerSender(PracticeId practice, Channel channel, String address, String templateKey,
            String language, Map<String, Object> context) {
        boolean suppressed = jdbc.sql("SELECT EXISTS (SELECT FROM suppression WHERE practice_id = :practice "
                        + "AND channel = :channel AND address = :address)")
                .param("practice", practice.value())
                .param("channel", channel.name())
                .param("address", address)
                .query(Boolean.class).single();
        if (suppressed) {
            return Optional.empty();
        }
        return Optional.of(sendAsked(practice, Actor.system("inbox"), channel, address, templateKey, language,
                context, Purpose.TRANSACTIONAL, new Delivery.Decision("auto-reply", "allowed",
                        "an automatic answer to the sender's own message; address not suppressed")));
    }

    /**
     * A message to an address or number that asked for it (or, the on-call phone, exists for it), outside any
     * patient's record: queued at once, with {@code decision} as the one policy decision.
     */
    private Message sendAsked(PracticeId practice, Actor actor, Channel channel, String recipient,
            String templateKey, String language, Map<String, Object> context, Purpose purpose,
            Delivery.Decision decision) {
        TemplateVersion template = templates.effective(practice, templateKey, language);
        Map<String, Object> model = new HashMap<>(context);
        model.putAll(TemplateModel.of(practices.get(practice), "", Map.of()));
        RenderedMessage rendered = renderer.render(template.parts(), channel, model, ZoneId.of("UTC"),
                template.language());
        boolean email = channel == Channel.EMAIL;
        DeliveryId delivery = DeliveryId.random();
        Draft draft = new Draft(MessageId.random(), null, template, purpose, channel, null, null,
                new DraftDelivery(delivery, channel, recipient, null, null,
                        email ? rendered.emailSubject() : null, email ? rendered.emailText() : rendered.sms(),
                        email ? rendered.emailHtml() : null, null,
                        email ? emailThreads.headers(practice, delivery, null) : ThreadHeaders.NONE,
                        new PolicyOutcome(DeliveryStatus.QUEUED, null, clock.instant(), false, List.of(decision))));
        write(practice, actor, List.of(draft));
        return find(practice, draft.id());
    }

    /**
     * Writes the drafts' messages, then the deliveries of those whose idempotency key was still free (a concurrent
     * request may have taken it since it was looked up), each kind in one batch. Returns what was written, by id.
     */
    private Map<MessageId, Message> write(PracticeId practice, Actor actor, List<Draft> drafts) {
        Map<MessageId, Message> written = new HashMap<>();
        if (drafts.isEmpty()) {
            return written;
        }
        Timestamp now = Timestamp.from(clock.instant());
        int[] inserted = batch.batchUpdate("""
                INSERT INTO message (id, practice_id, patient_id, template_key, template_language, template_version,
                                     purpose, requested_channel, idempotency_key, not_before, created_at,
                                     created_by_type, created_by_id)
                VALUES (:id, :practice, :patient, :key, :language, :version, :purpose, :channel, :idempotencyKey,
                        :notBefore, :now, :actorType, :actorId)
                ON CONFLICT (practice_id, idempotency_key) DO NOTHING""",
                drafts.stream().map(draft -> new MapSqlParameterSource()
                        .addValue("id", draft.id().value())
                        .addValue("practice", practice.value())
                        .addValue("patient", draft.patient() == null ? null : draft.patient().value())
                        .addValue("key", draft.template().key())
                        .addValue("language", draft.template().language())
                        .addValue("version", draft.template().version())
                        .addValue("purpose", draft.purpose().name())
                        .addValue("channel", draft.requestedChannel().name())
                        .addValue("idempotencyKey", draft.idempotencyKey())
                        .addValue("notBefore", draft.notBefore() == null ? null : Timestamp.from(draft.notBefore()))
                        .addValue("now", now)
                        .addValue("actorType", actor.type().name())
                        .addValue("actorId", actor.id()))
                        .toArray(SqlParameterSource[]::new));
        List<Draft> stored = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            if (inserted[i] != 0) { // 0 when the key was taken; SUCCESS_NO_INFO (-2) counts as written
                stored.add(drafts.get(i));
            }
        }
        batch.batchUpdate("""
                INSERT INTO delivery (id, practice_id, message_id, channel, recipient, contact_point_id, time_zone,
                                      subject, body_text, body_html, sms_segments, sms_encoding, status, reason,
                                      decisions, under_exemption, due_at, unsubscribe_token, email_message_id,
                                      in_reply_to, email_references, reply_to, created_at, updated_at)
                VALUES (:id, :practice, :message, :channel, :recipient, :contact, :timeZone, :subject, :text, :html,
                        :segments, :encoding, :status, :reason, CAST(:decisions AS jsonb), :exemption, :due,
                        :unsubscribe, :emailMessageId, :inReplyTo, :references, :replyTo, :now, :now)""",
                stored.stream().map(draft -> deliveryRow(practice, draft, now)).toArray(SqlParameterSource[]::new));
        List<DeliveryLog.Entry> timeline = new ArrayList<>();
        for (Draft draft : stored) {
            DraftDelivery delivery = draft.delivery();
            auditLog.record(new AuditEvent(practice, actor, "message.requested",
                    AuditEvent.Target.of("message", draft.id()), Map.of("template", draft.template().key(),
                            "version", draft.template().version(), "purpose", draft.purpose(),
                            "channel", draft.requestedChannel())));
            timeline.add(new DeliveryLog.Entry(delivery.id(), delivery.outcome().status(),
                    delivery.outcome().reason()));
            written.put(draft.id(), draft.asMessage(now.toInstant()));
        }
        deliveryLog.recordAll(practice, actor, timeline);
        return written;
    }

    private MapSqlParameterSource deliveryRow(PracticeId practice, Draft draft, Timestamp now) {
        DraftDelivery delivery = draft.delivery();
        SmsSegments segments = delivery.segments();
        PolicyOutcome outcome = delivery.outcome();
        return new MapSqlParameterSource()
                .addValue("id", delivery.id().value())
                .addValue("practice", practice.value())
                .addValue("message", draft.id().value())
                .addValue("channel", delivery.channel().name())
                .addValue("recipient", delivery.recipient())
                .addValue("contact", delivery.contactPoint())
                .addValue("timeZone", delivery.timeZone())
                .addValue("subject", content.seal(delivery.id().value(), "subject", delivery.subject()))
                .addValue("text", content.seal(delivery.id().value(), "body_text", delivery.text()))
                .addValue("html", delivery.channel() == Channel.EMAIL
                        ? content.seal(delivery.id().value(), "body_html", delivery.html()) : null)
                .addValue("segments", segments == null ? null : segments.segments())
                .addValue("encoding", segments == null ? null : segments.encoding())
                .addValue("status", outcome.status().name())
                .addValue("reason", outcome.reason())
                .addValue("decisions", json.writeValueAsString(outcome.decisions()))
                .addValue("exemption", outcome.underExemption())
                .addValue("due", outcome.dueAt() == null ? now : Timestamp.from(outcome.dueAt()))
                .addValue("unsubscribe", delivery.unsubscribeToken())
                .addValue("emailMessageId", delivery.thread().messageId())
                .addValue("inReplyTo", content.seal(delivery.id().value(), "in_reply_to",
                        delivery.thread().inReplyTo()))
                .addValue("references", content.seal(delivery.id().value(), "email_references",
                        delivery.thread().references()))
                .addValue("replyTo", delivery.thread().replyTo())
                .addValue("now", now);
    }

    /**
     * Serializes sends to these patients and to each of their phone numbers (a family phone is shared) until
     * commit, so that the frequency limits the policy counts (the healthcare exemption's 1 a day, the marketing
     * cap) hold under concurrent sends. The locks are taken in one statement, in sorted order, so two sends cannot
     * deadlock.
     */
    private void lockRecipients(PracticeId practice, java.util.Collection<Patient> recipients) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        for (Patient patient : recipients) {
            keys.add(practice + ":patient:" + patient.id());
            patient.contactPoints().stream().filter(contact -> contact.system() == ContactSystem.PHONE)
                    .forEach(contact -> keys.add(practice + ":sms:" + contact.value()));
        }
        // unnest yields the array in its order, and each row's lock is taken as the row is produced.
        jdbc.sql("SELECT count(pg_advisory_xact_lock(hashtextextended(key, 2))) FROM unnest(:keys) AS key")
                .param("keys", keys.toArray(String[]::new))
                .query(Long.class).single();
    }

    /**
     * Holds back an opted-out number's queued and deferred texts: a STOP also stops what was already waiting
     * (a reminder held overnight by quiet hours). Security messages the patient asks for still go.
     */
    @Transactional
    public void suppressPendingSms(PracticeId practice, String number, String reason) {
        List<UUID> held = jdbc.sql("""
                UPDATE delivery d SET status = 'SUPPRESSED', reason = :reason, claimed_until = NULL, updated_at = :now
                FROM message m
                WHERE m.id = d.message_id AND d.practice_id = :practice AND d.channel = 'SMS'
                  AND d.recipient = :number AND d.status IN ('QUEUED', 'DEFERRED') AND m.purpose <> 'SECURITY'
                RETURNING d.id""")
                .param("reason", reason)
                .param("now", Timestamp.from(clock.instant()))
                .param("practice", practice.value())
                .param("number", number)
                .query(UUID.class).list();
        held.forEach(id -> deliveryLog.record(practice, Actor.system("sms-keywords"), new DeliveryId(id),
                DeliveryStatus.SUPPRESSED, reason));
    }

    /** The message an idempotency key made, when the request is the same one again; a different request is 409. */
    private static Message sameRequest(Message earlier, SendRequest request) {
        if (!request.patient().equals(earlier.patientId()) || !request.templateKey().equals(earlier.templateKey())
                || request.channel() != earlier.requestedChannel() || request.purpose() != earlier.purpose()) {
            throw new ConflictException("The idempotency key was used for a different message");
        }
        return earlier;
    }

    /** A patient's messages, newest first: a PHI access, audited. */
    @Transactional
    public ListPage<Message> list(Caller caller, UUID patient, PageRequest page) {
        Map<String, Object> params = new HashMap<>();
        params.put("practice", caller.practice().value());
        String from = "FROM message WHERE practice_id = :practice";
        if (patient != null) {
            from += " AND patient_id = :patient";
            params.put("patient", patient);
        }
        ListPage<MessageId> ids = Paging.page(jdbc, "id", from, "created_at DESC, id", params,
                (rs, n) -> new MessageId(rs.getObject("id", UUID.class)), page);
        auditLog.record(AuditEvent.of(caller, "phi.messages.listed", null, Map.of("messages", ids.items())));
        return ids.map(id -> visibleTo(caller, find(caller.practice(), id)));
    }

    /**
     * What {@code caller} may see of a message's content. A sign-in link or code is a credential: nobody sees it
     * again. Care messages are clinical content ({@link ClinicalAccess}). The rest (reminders, confirmations,
     * receipts) is for everyone who works the inbox.
     */
    private Message visibleTo(Caller caller, Message message) {
        boolean hidden = switch (message.purpose()) {
            case SECURITY -> true;
            case CARE -> message.patientId() == null || !clinicalAccess.canSee(caller, message.patientId());
            case TRANSACTIONAL, MARKETING -> false;
        };
        return hidden ? message.withoutContent() : message;
    }

    /** A message with its delivery timeline, viewed by {@code caller}: a PHI access, audited. */
    @Transactional
    public Message view(Caller caller, MessageId id) {
        Message message = visibleTo(caller, find(caller.practice(), id));
        auditLog.record(AuditEvent.of(caller, "phi.message.viewed", AuditEvent.Target.of("message", id),
                Map.of("content", !message.deliveries().isEmpty() && message.deliveries().get(0).text() != null)));
        return message;
    }

    @Transactional(readOnly = true)
    public Message find(PracticeId practice, MessageId id) {
        return jdbc.sql("SELECT * FROM message WHERE id = :id AND practice_id = :practice")
                .param("id", id.value())
                .param("practice", practice.value())
                .query((rs, n) -> message(rs, deliveries(practice, id)))
                .optional()
                .orElseThrow(() -> new NotFoundException("Message"));
    }

    /** The messages the requests' idempotency keys made before, by key. */
    private Map<String, Message> byIdempotencyKeys(PracticeId practice, List<SendRequest> requests) {
        List<String> keys = requests.stream().map(SendRequest::idempotencyKey).filter(java.util.Objects::nonNull)
                .distinct().toList();
        Map<String, Message> earlier = new HashMap<>();
        if (keys.isEmpty()) {
            return earlier;
        }
        jdbc.sql("SELECT id, idempotency_key FROM message WHERE practice_id = :practice AND idempotency_key IN (:keys)")
                .param("practice", practice.value())
                .param("keys", keys)
                .query((rs, n) -> Map.entry(rs.getString("idempotency_key"), rs.getObject("id", UUID.class)))
                .list()
                .forEach(found -> earlier.put(found.getKey(), find(practice, new MessageId(found.getValue()))));
        return earlier;
    }

    private Optional<Message> byIdempotencyKey(PracticeId practice, String key) {
        if (key == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id FROM message WHERE practice_id = :practice AND idempotency_key = :key")
                .param("practice", practice.value())
                .param("key", key)
                .query(UUID.class)
                .optional()
                .map(id -> find(practice, new MessageId(id)));
    }

    /**
     * The channel and address the message takes: the one asked for, or for PREFERRED the patient's preferred
     * channel, then the others, the first that the policy does not suppress.
     */
    private Choice choose(PracticeId practice, PolicyFacts facts, Patient patient, SendRequest request,
            ContactPoint chosenContact, TemplateVersion template, ZoneId zone) {
        List<Channel> candidates = new ArrayList<>();
        if (request.channel() != Channel.PREFERRED) {
            candidates.add(request.channel());
        } else if (chosenContact != null) {
            candidates.add(chosenContact.system() == ContactSystem.PHONE ? Channel.SMS : Channel.EMAIL);
        } else {
            LinkedHashSet<Channel> order = new LinkedHashSet<>();
            order.add(patient.preferredChannel() == PreferredChannel.PORTAL ? Channel.IN_APP
                    : Channel.valueOf(patient.preferredChannel().name()));
            order.addAll(List.of(Channel.SMS, Channel.EMAIL, Channel.IN_APP));
            candidates.addAll(order);
        }
        if (chosenContact != null && candidates.get(0) != (chosenContact.system() == ContactSystem.PHONE
                ? Channel.SMS : Channel.EMAIL)) {
            throw new InvalidFieldException("contactPointId", "is not an address for the " 
                    + candidates.get(0).name().toLowerCase() + " channel");
        }
        List<org.carerelay.messaging.Delivery.Decision> skipped = new ArrayList<>();
        Choice first = null;
        for (Channel channel : candidates) {
            ContactPoint contact = chosenContact != null ? chosenContact : usualContact(patient, channel);
            PolicyOutcome outcome = hasPart(template.parts(), channel)
                    ? policy.evaluate(practice, facts, patient.id().value(), channel, request.purpose(),
                            request.answersPatient(), contact,
                            CONTACT_VERIFICATION_TEMPLATE.equals(template.key()),
                            template.parts().phiAllowed(), zone, request.notBefore())
                    : new PolicyOutcome(DeliveryStatus.SUPPRESSED, "template-has-no-" + channel.name().toLowerCase()
                            + "-part", null, false, List.of(new org.carerelay.messaging.Delivery.Decision("template",
                            "suppressed", "no part for this channel")));
            Choice choice = new Choice(channel, contact, outcome);
            if (first == null) {
                first = choice;
            }
            if (!outcome.suppressed()) {
                if (!skipped.isEmpty()) {
                    List<org.carerelay.messaging.Delivery.Decision> all = new ArrayList<>(skipped);
                    all.addAll(outcome.decisions());
                    return new Choice(channel, contact, new PolicyOutcome(outcome.status(), outcome.reason(),
                            outcome.dueAt(), outcome.underExemption(), all));
                }
                return choice;
            }
            skipped.add(new org.carerelay.messaging.Delivery.Decision("channel " + channel.name().toLowerCase(),
                    "skipped", outcome.reason()));
        }
        return first;
    }

    private static boolean hasPart(TemplateParts parts, Channel channel) {
        return switch (channel) {
            case EMAIL -> parts.emailSubject() != null && parts.emailText() != null;
            case SMS -> parts.sms() != null;
            case IN_APP -> parts.inAppBody() != null;
            case PREFERRED -> false;
        };
    }

    /** The patient's usual address on a channel: a verified one first. */
    private static ContactPoint usualContact(Patient patient, Channel channel) {
        if (channel == Channel.IN_APP) {
            return null;
        }
        ContactSystem system = channel == Channel.SMS ? ContactSystem.PHONE : ContactSystem.EMAIL;
        return patient.contactPoints().stream()
                .filter(contact -> contact.system() == system)
                .sorted(java.util.Comparator.comparing(contact -> !contact.verified()))
                .findFirst()
                .orElse(null);
    }

    /** An SMS sent under the healthcare exemption names the practice and says how to stop. */
    private static String withExemptionNotices(String sms, String brand) {
        String name = GsmFolding.fold(brand);
        String text = sms.contains(name) ? sms : name + ": " + sms;
        return text.toUpperCase().contains("STOP") ? text : text + " Reply STOP to opt out.";
    }

    private List<Delivery> deliveries(PracticeId practice, MessageId message) {
        return jdbc.sql("SELECT * FROM delivery WHERE message_id = :message AND practice_id = :practice "
                        + "ORDER BY created_at, id")
                .param("message", message.value())
                .param("practice", practice.value())
                .query((rs, n) -> delivery(rs))
                .list();
    }

    private Delivery delivery(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Timestamp due = rs.getTimestamp("due_at");
        List<Delivery.Event> timeline = jdbc.sql("SELECT status, reason, occurred_at FROM delivery_event "
                        + "WHERE delivery_id = :id ORDER BY id")
                .param("id", id)
                .query((events, n) -> new Delivery.Event(DeliveryStatus.valueOf(events.getString("status")),
                        events.getString("reason"), events.getTimestamp("occurred_at").toInstant()))
                .list();
        Integer segments = rs.getObject("sms_segments", Integer.class);
        return new Delivery(new DeliveryId(id), Channel.valueOf(rs.getString("channel")), rs.getString("recipient"),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getString("reason"),
                due == null ? null : due.toInstant(), rs.getString("provider"), rs.getString("provider_message_id"),
                segments, rs.getString("sms_encoding"),
                json.readValue(rs.getString("decisions"), new TypeReference<List<Delivery.Decision>>() {
                }),
                timeline, content.open(rs, "subject"), content.open(rs, "body_text"));
    }

    private static Message message(ResultSet rs, List<Delivery> deliveries) throws SQLException {
        UUID patient = rs.getObject("patient_id", UUID.class);
        return new Message(new MessageId(rs.getObject("id", UUID.class)),
                patient == null ? null : new PatientId(patient),
                rs.getString("template_key"), rs.getString("template_language"), rs.getInt("template_version"),
                Purpose.valueOf(rs.getString("purpose")), Channel.valueOf(rs.getString("requested_channel")),
                rs.getString("idempotency_key"), rs.getTimestamp("created_at").toInstant(), deliveries);
    }

    private record Choice(Channel channel, ContactPoint contact, PolicyOutcome outcome) {
    }

    /** A message decided and rendered, before it is written. */
    private record Draft(MessageId id, PatientId patient, TemplateVersion template, Purpose purpose,
            Channel requestedChannel, String idempotencyKey, Instant notBefore, DraftDelivery delivery) {

        /** The message as written, without reading it back: sends come in bursts. */
        Message asMessage(Instant createdAt) {
            SmsSegments segments = delivery.segments();
            PolicyOutcome outcome = delivery.outcome();
            Delivery written = new Delivery(delivery.id(), delivery.channel(), delivery.recipient(),
                    outcome.status(), outcome.reason(), outcome.dueAt() == null ? createdAt : outcome.dueAt(), null,
                    null, segments == null ? null : segments.segments(), segments == null ? null : segments.encoding(),
                    outcome.decisions(), List.of(new Delivery.Event(outcome.status(), outcome.reason(), createdAt)),
                    delivery.subject(), delivery.text());
            return new Message(id, patient, template.key(), template.language(), template.version(), purpose,
                    requestedChannel, idempotencyKey, createdAt, List.of(written));
        }
    }

    private record DraftDelivery(DeliveryId id, Channel channel, String recipient, UUID contactPoint,
            String timeZone, String subject, String text, String html, String unsubscribeToken, ThreadHeaders thread,
            PolicyOutcome outcome) {

        SmsSegments segments() {
            return channel == Channel.SMS && text != null ? SmsSegments.of(text) : null;
        }
    }
}
