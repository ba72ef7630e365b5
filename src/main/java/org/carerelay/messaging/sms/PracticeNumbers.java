package org.carerelay.messaging.sms;

import java.util.List;
import java.util.Optional;

import org.carerelay.practice.Practices;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Component;

/** Which practice an SMS number belongs to, for texts and receipts that name only numbers. */
@Component
class PracticeNumbers {

    private final Settings settings;
    private final Practices practices;

    PracticeNumbers(Settings settings, Practices practices) {
        this.settings = settings;
        this.practices = practices;
    }

    /** The practice whose SMS origination number this is; with one practice on the server, that practice. */
    Optional<PracticeId> practiceFor(String number) {
        List<PracticeId> owners = settings.practicesStoring(Setting.SMS_ORIGINATION_NUMBER, number);
        if (owners.size() == 1) {
            return Optional.of(owners.get(0));
        }
        if (owners.isEmpty() && practices.count() == 1) {
            return practices.first().map(practice -> practice.id());
        }
        return Optional.empty();
    }
}
