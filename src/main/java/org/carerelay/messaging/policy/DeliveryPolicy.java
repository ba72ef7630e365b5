package org.carerelay.messaging.policy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Delivery.Decision;
import org.carerelay.messaging.DeliveryStatus;
import org.carerelay.messaging.Purpose;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.ContactPoint;
import org.carerelay.practice.ContactPoints;
import org.carerelay.practice.ContactSystem;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rules every delivery passes before anything leaves, in order: an address (a verified one: an unverified phone
 * or address gets its own verification code and nothing else), the suppression list, consent
 * for the purpose on the channel (with the healthcare exemption for automated care and transactional SMS), PHI
 * consent for templates that carry clinical detail, the marketing frequency cap, and quiet hours for SMS.
 * SECURITY messages (a sign-in the patient asked for) pass every rule but the address; sign-in links and codes go
 * only to verified contact points anyway ({@code PatientSignIn} looks up verified holders alone).
 */
@Component
public class DeliveryPolicy {

    /** The healthcare exemption: automated care/transactional SMS without prior express consent. */
    static final int EXEMPT_SMS_PER_DAY = 1;
    static final int EXEMPT_SMS_PER_WEEK = 3;
    /**
     * The longest window counted (the exemption's week, the marketing cap's week). A window is counted both ways
     * around a message's due time, by when messages go rather than when they were asked for (a reminder scheduled
     * for next week counts next week), so that no window of that length, sliding anywhere, holds more than the limit.
     */
    private static final Duration WEEK = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final ContactPoints contactPoints;
    private final Settings settings;
    private final Clock clock;

    DeliveryPolicy(JdbcClient jdbc, ContactPoints contactPoints, Settings settings, Clock clock) {
        this.jdbc = jdbc;
        this.contactPoints = contactPoints;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Reads what the policy needs about these recipients, in one query per kind: call it after the recipients are
     * locked, so the counts cannot change before their messages are stored.
     *
     * @param latestNotBefore the latest not-before time among the messages to decide, or null
     */
    public PolicyFacts factsFor(PracticeId practice, Collection<ContactPoint> contacts, Collection<UUID> patients,
            boolean marketing, Instant latestNotBefore) {
        Instant now = clock.instant();
        Instant latest = latestNotBefore != null && latestNotBefore.isAfter(now) ? latestNotBefore : now;
        Timestamp from = Timestamp.from(now.minus(WEEK));
        Timestamp to = Timestamp.from(latest.plus(WEEK));
        Set<String> addresses = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (ContactPoint contact : contacts) {
            addresses.add(contact.value());
            if (contact.system() == ContactSystem.PHONE) {
                numbers.add(contact.value());
            }
        }
        Map<String, String> suppressions = new HashMap<>();
        if (!addresses.isEmpty()) {
            jdbc.sql("SELECT channel, address, reason FROM suppression WHERE practice_id = :practice "
                            + "AND address IN (:addresses)")
                    .param("practice", practice.value())
                    .param("addresses", addresses)
                    .query(rs -> {
                        suppressions.put(PolicyFacts.suppressionKey(Channel.valueOf(rs.getString("channel")),
                                rs.getString("address")), rs.getString("reason"));
                    });
        }
        Map<String, List<Instant>> exempt = new HashMap<>();
        if (!numbers.isEmpty()) {
            jdbc.sql("SELECT recipient, due_at FROM delivery WHERE practice_id = :practice AND recipient IN (:numbers) "
                            + "AND channel = 'SMS' AND under_exemption AND status NOT IN ('SUPPRESSED', 'FAILED') "
                            + "AND due_at > :from AND due_at < :to")
                    .param("practice", practice.value())
                    .param("numbers", numbers)
                    .param("from", from)
                    .param("to", to)
                    .query(rs -> {
                        exempt.computeIfAbsent(rs.getString("recipient"), n -> new ArrayList<>())
                                .add(rs.getTimestamp("due_at").toInstant());
                    });
        }
        Map<UUID, List<Instant>> marketingDue = new HashMap<>();
        if (marketing && !patients.isEmpty()) {
            jdbc.sql("""
                    SELECT m.patient_id, d.due_at FROM delivery d JOIN message m ON m.id = d.message_id
                    WHERE m.practice_id = :practice AND m.patient_id IN (:patients) AND m.purpose = 'MARKETING'
                      AND d.status NOT IN ('SUPPRESSED', 'FAILED') AND d.due_at > :from AND d.due_at < :to""")
                    .param("practice", practice.value())
                    .param("patients", patients)
                    .param("from", from)
                    .param("to", to)
                    .query(rs -> {
                        marketingDue.computeIfAbsent(rs.getObject("patient_id", UUID.class), p -> new ArrayList<>())
                                .add(rs.getTimestamp("due_at").toInstant());
                    });
        }
        return new PolicyFacts(suppressions,
                contactPoints.decisions(practice, contacts.stream().map(ContactPoint::id).toList()), exempt,
                marketingDue);
    }

    /**
     * @param facts     what is known of the recipient ({@link #factsFor}); the caller tells it the outcome
     * @param answersPatient staff answering the patient's own message: a text needs no prior consent
     * @param contact   the phone or address for SMS and email (null for in-app, or when the patient has none)
     * @param verificationCode the code that proves {@code contact}: the one message an unverified contact point gets
     * @param zone      the patient's time zone, for quiet hours
     * @param notBefore the earliest the message may leave, or null
     */
    public PolicyOutcome evaluate(PracticeId practice, PolicyFacts facts, UUID patient, Channel channel,
            Purpose purpose, boolean answersPatient, ContactPoint contact, boolean verificationCode,
            boolean phiTemplate, ZoneId zone,
            Instant notBefore) {
        List<Decision> decisions = new ArrayList<>();
        Instant now = clock.instant();
        Instant due = notBefore != null && notBefore.isAfter(now) ? notBefore : now;
        if (channel == Channel.IN_APP) {
            decisions.add(new Decision("consent", "allowed", "in-app messages stay inside the signed-in portal"));
            return new PolicyOutcome(DeliveryStatus.QUEUED, null, due, false, decisions);
        }
        if (contact == null) {
            return suppressed(decisions, "address", "no-" + channel.name().toLowerCase() + "-contact-point");
        }
        if (!contact.verified()) {
            // What the portal promises: an address not yet confirmed is used for nothing but its confirmation.
            if (!verificationCode) {
                return suppressed(decisions, "address", "unverified-contact-point");
            }
            decisions.add(new Decision("address", "allowed", "not verified yet: its own verification code only"));
        }
        boolean security = purpose == Purpose.SECURITY;
        String suppression = facts.suppression(channel, contact.value());
        if (suppression != null && !security) {
            return suppressed(decisions, "suppression-list", "suppressed-" + suppression);
        }
        decisions.add(new Decision("suppression-list", "allowed", suppression == null ? "not listed"
                : "listed (" + suppression + "), but security messages still go"));

        Map<ConsentPurpose, Boolean> consent = facts.consent(contact.id());
        boolean underExemption = false;
        if (channel == Channel.SMS) {
            Boolean transactional = consent.get(ConsentPurpose.TRANSACTIONAL_SMS);
            if (security) {
                decisions.add(new Decision("consent", "allowed", "security message the patient asked for"));
            } else if (purpose == Purpose.MARKETING) {
                if (!Boolean.TRUE.equals(consent.get(ConsentPurpose.MARKETING_SMS))) {
                    return suppressed(decisions, "consent", "no-marketing-sms-consent");
                }
                decisions.add(new Decision("consent", "allowed", "marketing_sms granted"));
            } else if (Boolean.TRUE.equals(transactional)) {
                decisions.add(new Decision("consent", "allowed", "transactional_sms granted"));
            } else if (Boolean.FALSE.equals(transactional)) {
                return suppressed(decisions, "consent", "sms-opted-out");
            } else if (answersPatient) {
                decisions.add(new Decision("consent", "allowed", "a reply to the patient's own message"));
            } else {
                if (facts.exemptSmsAround(contact.value(), due, Duration.ofDays(1)) >= EXEMPT_SMS_PER_DAY
                        || facts.exemptSmsAround(contact.value(), due, WEEK) >= EXEMPT_SMS_PER_WEEK) {
                    return suppressed(decisions, "consent", "healthcare-exemption-limit");
                }
                underExemption = true;
                decisions.add(new Decision("consent", "allowed",
                        "no consent on record: healthcare exemption (1 a day, 3 a week)"));
            }
        } else {
            Boolean email = consent.get(ConsentPurpose.EMAIL);
            if (!security && Boolean.FALSE.equals(email)) {
                return suppressed(decisions, "consent", "email-opted-out");
            }
            Boolean marketing = consent.get(ConsentPurpose.MARKETING_EMAIL);
            if (purpose == Purpose.MARKETING && !Boolean.TRUE.equals(marketing)) {
                return suppressed(decisions, "consent",
                        marketing == null ? "no-marketing-email-consent" : "marketing-email-unsubscribed");
            }
            decisions.add(new Decision("consent", "allowed", email == null ? "no refusal on record" : "email granted"));
        }

        if (phiTemplate) {
            if (!Boolean.TRUE.equals(consent.get(ConsentPurpose.PHI_OVER_CHANNEL))) {
                return suppressed(decisions, "minimum-necessary", "no-phi-consent");
            }
            decisions.add(new Decision("minimum-necessary", "allowed", "phi_over_channel granted"));
        }

        if (purpose == Purpose.MARKETING) {
            int cap = settings.get(practice, Setting.MARKETING_WEEKLY_CAP);
            long sent = facts.marketingAround(patient, due, WEEK);
            if (sent >= cap) {
                return suppressed(decisions, "marketing-cap", "marketing-weekly-cap");
            }
            decisions.add(new Decision("marketing-cap", "allowed", sent + " of " + cap + " this week"));
        }

        if (channel == Channel.SMS && !security) {
            Instant allowed = outsideQuietHours(practice, due, zone);
            if (allowed.isAfter(due)) {
                decisions.add(new Decision("quiet-hours", "deferred", "until " + allowed));
                return new PolicyOutcome(DeliveryStatus.DEFERRED, "quiet-hours", allowed, underExemption, decisions);
            }
            decisions.add(new Decision("quiet-hours", "allowed", "within allowed hours in " + zone.getId()));
        }
        return new PolicyOutcome(DeliveryStatus.QUEUED, null, due, underExemption, decisions);
    }

    /** The first minute at or after {@code time} outside quiet hours (settings; 21:00–08:00 by default). */
    public Instant outsideQuietHours(PracticeId practice, Instant time, ZoneId zone) {
        LocalTime quietStart = settings.get(practice, Setting.QUIET_HOURS_START);
        LocalTime quietEnd = settings.get(practice, Setting.QUIET_HOURS_END);
        ZonedDateTime local = time.atZone(zone);
        LocalTime clockTime = local.toLocalTime();
        boolean overnight = quietStart.isAfter(quietEnd);
        boolean quiet = overnight
                ? !clockTime.isBefore(quietStart) || clockTime.isBefore(quietEnd)
                : !clockTime.isBefore(quietStart) && clockTime.isBefore(quietEnd);
        if (!quiet) {
            return time;
        }
        ZonedDateTime end = local.with(quietEnd).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1).with(quietEnd);
        }
        return end.toInstant();
    }

    private static PolicyOutcome suppressed(List<Decision> decisions, String check, String reason) {
        decisions.add(new Decision(check, "suppressed", reason));
        return new PolicyOutcome(DeliveryStatus.SUPPRESSED, reason, null, false, decisions);
    }
}
