package org.carerelay.messaging.policy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Delivery.Decision;
import org.carerelay.messaging.DeliveryStatus;
import org.carerelay.messaging.Purpose;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.ContactPoint;
import org.carerelay.practice.ContactPoints;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rules every delivery passes before anything leaves, in order: an address, the suppression list, consent
 * for the purpose on the channel (with the healthcare exemption for automated care and transactional SMS), PHI
 * consent for templates that carry clinical detail, the marketing frequency cap, and quiet hours for SMS.
 * SECURITY messages (a sign-in the patient asked for) pass every rule but the address.
 */
@Component
public class DeliveryPolicy {

    /** The healthcare exemption: automated care/transactional SMS without prior express consent. */
    static final int EXEMPT_SMS_PER_DAY = 1;
    static final int EXEMPT_SMS_PER_WEEK = 3;

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
     * @param contact  the phone or address for SMS and email (null for in-app, or when the patient has none)
     * @param zone     the patient's time zone, for quiet hours
     * @param notBefore the earliest the message may leave, or null
     */
    public PolicyOutcome evaluate(PracticeId practice, java.util.UUID patient, Channel channel, Purpose purpose,
            ContactPoint contact, boolean phiTemplate, ZoneId zone, Instant notBefore) {
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
        boolean security = purpose == Purpose.SECURITY;
        String suppression = suppressionReason(practice, channel, contact.value());
        if (suppression != null && !security) {
            return suppressed(decisions, "suppression-list", "suppressed-" + suppression);
        }
        decisions.add(new Decision("suppression-list", "allowed", suppression == null ? "not listed"
                : "listed (" + suppression + "), but security messages still go"));

        Map<ConsentPurpose, Boolean> consent = contactPoints.decisions(practice, contact.id());
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
            } else {
                if (exemptSmsAround(practice, contact.value(), due, Duration.ofDays(1)) >= EXEMPT_SMS_PER_DAY
                        || exemptSmsAround(practice, contact.value(), due, Duration.ofDays(7)) >= EXEMPT_SMS_PER_WEEK) {
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
            long sent = jdbc.sql("""
                    SELECT count(*) FROM delivery d JOIN message m ON m.id = d.message_id
                    WHERE m.practice_id = :practice AND m.patient_id = :patient AND m.purpose = 'MARKETING'
                      AND d.status NOT IN ('SUPPRESSED', 'FAILED')
                      AND d.due_at > :from AND d.due_at < :to""")
                    .param("practice", practice.value())
                    .param("patient", patient)
                    .param("from", Timestamp.from(due.minus(Duration.ofDays(7))))
                    .param("to", Timestamp.from(due.plus(Duration.ofDays(7))))
                    .query(Long.class).single();
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

    /**
     * Exempt texts to {@code number} due within {@code window} either side of {@code due}: counted by when they
     * go, not when they were asked for (a reminder scheduled for next week counts next week), and both ways, so
     * that no window of that length, sliding anywhere, ever holds more than the limit.
     */
    private long exemptSmsAround(PracticeId practice, String number, Instant due, Duration window) {
        return jdbc.sql("SELECT count(*) FROM delivery WHERE practice_id = :practice AND recipient = :number "
                        + "AND channel = 'SMS' AND under_exemption AND status NOT IN ('SUPPRESSED', 'FAILED') "
                        + "AND due_at > :from AND due_at < :to")
                .param("practice", practice.value())
                .param("number", number)
                .param("from", Timestamp.from(due.minus(window)))
                .param("to", Timestamp.from(due.plus(window)))
                .query(Long.class).single();
    }

    private String suppressionReason(PracticeId practice, Channel channel, String address) {
        return jdbc.sql("SELECT reason FROM suppression WHERE practice_id = :practice AND channel = :channel "
                        + "AND address = :address")
                .param("practice", practice.value())
                .param("channel", channel.name())
                .param("address", address)
                .query(String.class).optional().orElse(null);
    }

    private static PolicyOutcome suppressed(List<Decision> decisions, String check, String reason) {
        decisions.add(new Decision(check, "suppressed", reason));
        return new PolicyOutcome(DeliveryStatus.SUPPRESSED, reason, null, false, decisions);
    }
}
