package org.carerelay.messaging.inbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.messaging.InboundMessageReceived;
import org.carerelay.messaging.Messages;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.ConsentSource;
import org.carerelay.practice.ContactPoints;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Practices;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An SMS that reached the practice. Keywords are handled here: STOP opts the number out (every patient who
 * shares it, with the change in each consent history), adds it to the suppression list and confirms once; START
 * opts back in; HELP answers with who is texting and how to stop. Anything else is kept, its body sealed
 * ({@link PhiCipher}) for its row, and handed to the inbox ({@link InboundMessageReceived}); so is CANCEL, after
 * its opt-out, since a patient may have meant their appointment.
 */
@Service
public class InboundSms {

    private static final Actor ACTOR = Actor.system("sms-keywords");

    private final JdbcClient jdbc;
    private final ContactPoints contactPoints;
    private final Patients patients;
    private final Practices practices;
    private final Locations locations;
    private final Messages messages;
    private final AuditLog auditLog;
    private final PhiCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InboundSms(JdbcClient jdbc, ContactPoints contactPoints, Patients patients, Practices practices,
            Locations locations, Messages messages, AuditLog auditLog, PhiCipher cipher,
            ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.jdbc = jdbc;
        this.contactPoints = contactPoints;
        this.patients = patients;
        this.practices = practices;
        this.locations = locations;
        this.messages = messages;
        this.auditLog = auditLog;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** What became of an inbound text. */
    public enum Outcome {
        OPTED_OUT, OPTED_IN, HELPED, KEPT_FOR_INBOX, DUPLICATE
    }

    @Transactional
    public Outcome receive(PracticeId practice, String from, String to, String body, String provider,
            String providerMessageId) {
        return receive(practice, from, to, body, provider, providerMessageId, clock.instant(), List::of);
    }

    /**
     * A text to a number other practices send from too ({@code sharing}, asked only for a STOP or START): the
     * patient sees one number, so their STOP stops every practice texting them from it, and START starts them
     * again. The text itself, and the one reply, belong to {@code practice}.
     */
    @Transactional
    public Outcome receive(PracticeId practice, String from, String to, String body, String provider,
            String providerMessageId, Supplier<List<PracticeId>> sharing) {
        return receive(practice, from, to, body, provider, providerMessageId, clock.instant(), sharing);
    }

    /**
     * A text that reached the practice at {@code receivedAt} rather than now (the demo's morning texts): the inbox
     * keeps its reply clock and decides whether the office was open by that moment.
     */
    @Transactional
    public Outcome receive(PracticeId practice, String from, String to, String body, String provider,
            String providerMessageId, Instant receivedAt) {
        return receive(practice, from, to, body, provider, providerMessageId, receivedAt, List::of);
    }

    private Outcome receive(PracticeId practice, String from, String to, String body, String provider,
            String providerMessageId, Instant receivedAt, Supplier<List<PracticeId>> sharing) {
        Optional<SmsKeyword> keyword = SmsKeyword.of(body);
        boolean forInbox = keyword.isEmpty() || SmsKeyword.mayMeanAppointment(body);
        // Recorded first: a provider's retry arriving at the same moment waits on this row, then finds it.
        UUID kept = record(practice, from, to, forInbox ? body : "", provider, providerMessageId, !forInbox,
                receivedAt);
        if (kept == null) {
            return Outcome.DUPLICATE;
        }
        if (keyword.isEmpty()) {
            events.publishEvent(new InboundMessageReceived(practice, kept)); // the inbox matches the sender itself
            return Outcome.KEPT_FOR_INBOX;
        }
        List<ContactPoints.Holder> holders = contactPoints.holders(practice, ContactSystem.PHONE, from);
        String language = holders.size() == 1
                ? patients.find(practice, holders.get(0).patient()).preferredLanguage()
                : practices.get(practice).defaultLanguage();
        Outcome outcome;
        switch (keyword.get()) {
            case OPT_OUT -> {
                optOut(practice, holders, from);
                messages.reply(practice, from, "sms-opted-out", language, Map.of());
                outcome = Outcome.OPTED_OUT;
            }
            case OPT_IN -> {
                optIn(practice, holders, from);
                messages.reply(practice, from, "sms-opted-in", language, Map.of());
                outcome = Outcome.OPTED_IN;
            }
            default -> {
                messages.reply(practice, from, "sms-help", language, Map.of("contactPhone", contactPhone(practice)));
                outcome = Outcome.HELPED;
            }
        }
        auditLog.record(new AuditEvent(practice, ACTOR, "sms.keyword." + outcome.name().toLowerCase(), null,
                Map.of("patients", holders.stream().map(ContactPoints.Holder::patient).toList())));
        if (outcome != Outcome.HELPED) {
            for (PracticeId other : sharing.get()) {
                if (!other.equals(practice)) {
                    alsoFor(other, from, outcome);
                }
            }
        }
        if (forInbox) {
            events.publishEvent(new InboundMessageReceived(practice, kept)); // after the opt-out: no reply goes
        }
        return outcome;
    }

    /** A STOP or START sent to {@code practice}'s number, honoured for another practice sending from it too. */
    private void alsoFor(PracticeId practice, String from, Outcome outcome) {
        List<ContactPoints.Holder> holders = contactPoints.holders(practice, ContactSystem.PHONE, from);
        if (outcome == Outcome.OPTED_OUT) {
            optOut(practice, holders, from);
        } else {
            optIn(practice, holders, from);
        }
        auditLog.record(new AuditEvent(practice, ACTOR, "sms.keyword." + outcome.name().toLowerCase(), null,
                Map.of("patients", holders.stream().map(ContactPoints.Holder::patient).toList(),
                        "sharedNumber", true)));
    }

    private void optOut(PracticeId practice, List<ContactPoints.Holder> holders, String from) {
        consent(practice, holders, false);
        jdbc.sql("INSERT INTO suppression (practice_id, channel, address, reason, created_at) "
                        + "VALUES (:practice, 'SMS', :number, 'opt-out', :now) ON CONFLICT DO NOTHING")
                .param("practice", practice.value())
                .param("number", from)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        messages.suppressPendingSms(practice, from, "sms-opted-out");
    }

    private void optIn(PracticeId practice, List<ContactPoints.Holder> holders, String from) {
        consent(practice, holders, true);
        jdbc.sql("DELETE FROM suppression WHERE practice_id = :practice AND channel = 'SMS' AND address = :number")
                .param("practice", practice.value())
                .param("number", from)
                .update();
    }

    /** STOP takes back transactional and marketing SMS consent; START gives back transactional consent. */
    private void consent(PracticeId practice, List<ContactPoints.Holder> holders, boolean granted) {
        for (ContactPoints.Holder holder : holders) {
            contactPoints.changeConsent(practice, ACTOR, holder.patient(), holder.contactPoint(),
                    ConsentPurpose.TRANSACTIONAL_SMS, granted, ConsentSource.SMS_KEYWORD);
            if (!granted) {
                contactPoints.changeConsent(practice, ACTOR, holder.patient(), holder.contactPoint(),
                        ConsentPurpose.MARKETING_SMS, false, ConsentSource.SMS_KEYWORD);
            }
        }
    }

    private String contactPhone(PracticeId practice) {
        return locations.list(practice, new org.carerelay.shared.PageRequest(0, 10)).items().stream()
                .map(location -> location.phone())
                .filter(phone -> phone != null)
                .findFirst()
                .orElse(practices.get(practice).brandName());
    }

    /**
     * Keeps the text (a keyword without its words or sender: only that it came, so that a retry is known);
     * null when this provider message was received before.
     */
    private UUID record(PracticeId practice, String from, String to, String body, String provider,
            String providerMessageId, boolean keyword, Instant receivedAt) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                INSERT INTO inbound_message (id, practice_id, channel, sender, recipient, body, provider,
                                             provider_message_id, received_at, keyword)
                VALUES (:id, :practice, 'SMS', :from, :to, :body, :provider, :providerId, :now, :keyword)
                ON CONFLICT (provider, provider_message_id) DO NOTHING""")
                .param("id", id)
                .param("practice", practice.value())
                .param("from", keyword ? "" : from)
                .param("to", keyword ? "" : to)
                .param("body", cipher.seal(body, "inbound_message.body:" + id))
                .param("provider", provider)
                .param("providerId", providerMessageId)
                .param("now", Timestamp.from(receivedAt))
                .param("keyword", keyword)
                .update();
        if (inserted > 0 && !keyword) {
            auditLog.record(new AuditEvent(practice, ACTOR, "inbound.received",
                    AuditEvent.Target.of("inbound_message", id), Map.of("channel", "SMS")));
        }
        return inserted > 0 ? id : null;
    }
}
