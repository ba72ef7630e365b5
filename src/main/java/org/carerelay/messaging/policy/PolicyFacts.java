package org.carerelay.messaging.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Purpose;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.ContactPointId;

/**
 * What the policy needs to know about a set of recipients, read together before their messages are decided
 * (a reminder run decides fifty at a time): suppressions, consent decisions, and the times of the exempt texts and
 * marketing messages already due around the batch. {@link #decided} adds each new delivery as it is decided, so a
 * patient with ten reminders in one batch is counted as if they had been sent one by one.
 */
public final class PolicyFacts {

    private final Map<String, String> suppressions;
    private final Map<ContactPointId, Map<ConsentPurpose, Boolean>> consents;
    private final Map<String, List<Instant>> exemptSmsDue;
    private final Map<UUID, List<Instant>> marketingDue;

    PolicyFacts(Map<String, String> suppressions, Map<ContactPointId, Map<ConsentPurpose, Boolean>> consents,
            Map<String, List<Instant>> exemptSmsDue, Map<UUID, List<Instant>> marketingDue) {
        this.suppressions = new HashMap<>(suppressions);
        this.consents = consents;
        this.exemptSmsDue = new HashMap<>(exemptSmsDue);
        this.marketingDue = new HashMap<>(marketingDue);
    }

    static String suppressionKey(Channel channel, String address) {
        return channel.name() + ":" + address;
    }

    String suppression(Channel channel, String address) {
        return suppressions.get(suppressionKey(channel, address));
    }

    Map<ConsentPurpose, Boolean> consent(ContactPointId contactPoint) {
        return consents.getOrDefault(contactPoint, Map.of());
    }

    long exemptSmsAround(String number, Instant due, Duration window) {
        return around(exemptSmsDue.getOrDefault(number, List.of()), due, window);
    }

    long marketingAround(UUID patient, Instant due, Duration window) {
        return around(marketingDue.getOrDefault(patient, List.of()), due, window);
    }

    /** Counts a delivery just decided for {@code patient} at {@code address}, unless it was suppressed. */
    public void decided(UUID patient, Channel channel, String address, Purpose purpose, PolicyOutcome outcome) {
        if (outcome.suppressed()) {
            return;
        }
        if (outcome.underExemption()) {
            exemptSmsDue.computeIfAbsent(address, a -> new ArrayList<>()).add(outcome.dueAt());
        }
        if (purpose == Purpose.MARKETING && patient != null) {
            marketingDue.computeIfAbsent(patient, p -> new ArrayList<>()).add(outcome.dueAt());
        }
    }

    /** Times strictly inside {@code window} either side of {@code due}, as the SQL counts used to. */
    private static long around(List<Instant> dues, Instant due, Duration window) {
        Instant from = due.minus(window);
        Instant to = due.plus(window);
        return dues.stream().filter(at -> at.isAfter(from) && at.isBefore(to)).count();
    }
}
