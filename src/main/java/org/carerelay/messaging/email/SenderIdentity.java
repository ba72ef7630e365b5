package org.carerelay.messaging.email;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import jakarta.mail.internet.InternetAddress;
import org.carerelay.practice.Practices;
import org.carerelay.settings.Setting;
import org.carerelay.settings.SettingValue;
import org.carerelay.settings.Settings;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Component;

/**
 * Who email is from: the practice's sender address (settings, with fallback), shown under the sender name it
 * stored, or else under its brand name ("Riverside Family Medicine &lt;no-reply@…&gt;").
 */
@Component
class SenderIdentity {

    private final Settings settings;
    private final Practices practices;

    SenderIdentity(Settings settings, Practices practices) {
        this.settings = settings;
        this.practices = practices;
    }

    InternetAddress from(PracticeId practice) throws UnsupportedEncodingException {
        String address = settings.get(practice, Setting.EMAIL_SENDER_ADDRESS);
        SettingValue name = settings.view(practice, Setting.EMAIL_SENDER_NAME.key());
        String display = name.source() == SettingValue.Source.DATABASE
                ? name.value()
                : practices.get(practice).brandName();
        return new InternetAddress(address, display, StandardCharsets.UTF_8.name());
    }
}
