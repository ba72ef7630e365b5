package org.carerelay.messaging.sms;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.carerelay.practice.ContactPoints;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.Practice;
import org.carerelay.practice.Practices;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.settings.SettingsFallback;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Component;

/**
 * Which practice an SMS number belongs to, for texts and receipts that name only numbers. Several practices may
 * send from one number: those that stored it as their own, and every practice that stored none sends from the
 * deployment's fallback number. Among them, a text is filed for the one practice that knows its sender; failing
 * that, for the first that stored the number, or the first registered: one practice, however many are added later.
 * A STOP or START counts for all of them ({@link #sendingFrom}): the patient sees one number.
 */
@Component
class PracticeNumbers {

    private final Settings settings;
    private final Practices practices;
    private final ContactPoints contactPoints;
    private final String fallbackNumber;

    PracticeNumbers(Settings settings, Practices practices, ContactPoints contactPoints, SettingsFallback fallback) {
        this.settings = settings;
        this.practices = practices;
        this.contactPoints = contactPoints;
        this.fallbackNumber = fallback.smsOriginationNumber();
    }

    /** The practice a receipt or call to {@code number} is for; empty when no practice sends from it. */
    Optional<PracticeId> practiceFor(String number) {
        List<PracticeId> owners = settings.practicesStoring(Setting.SMS_ORIGINATION_NUMBER, number);
        return owners.size() == 1 ? Optional.of(owners.get(0)) : sendingFrom(number).stream().findFirst();
    }

    /** The practice a text from {@code sender} to {@code number} is filed for. */
    Optional<PracticeId> practiceFor(String number, String sender) {
        List<PracticeId> sending = sendingFrom(number);
        if (sending.size() > 1) {
            List<PracticeId> knowing = sending.stream()
                    .filter(practice -> !contactPoints.holders(practice, ContactSystem.PHONE, sender).isEmpty())
                    .toList();
            if (knowing.size() == 1) {
                return Optional.of(knowing.get(0));
            }
        }
        return sending.stream().findFirst();
    }

    /**
     * Every practice whose texts go out from {@code number}: first those that stored it, then those sending from
     * it by fallback, each in the order they were registered.
     */
    List<PracticeId> sendingFrom(String number) {
        List<PracticeId> stored = settings.practicesStoring(Setting.SMS_ORIGINATION_NUMBER, number);
        if (stored.size() == 1 && !number.equalsIgnoreCase(fallbackNumber)) {
            return stored; // a practice's own number, the usual case on every inbound text: no scan of practices
        }
        return practices.all().stream()
                .sorted(Comparator.comparing((Practice practice) -> !stored.contains(practice.id()))
                        .thenComparing(Practice::createdAt)
                        .thenComparing(practice -> practice.id().value()))
                .map(Practice::id)
                .filter(practice -> settings.find(practice, Setting.SMS_ORIGINATION_NUMBER)
                        .filter(number::equalsIgnoreCase).isPresent())
                .toList();
    }
}
