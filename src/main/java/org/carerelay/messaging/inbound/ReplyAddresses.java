package org.carerelay.messaging.inbound;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.carerelay.messaging.ReplyThreading;
import org.carerelay.practice.Practices;
import org.carerelay.settings.Setting;
import org.carerelay.settings.SettingValue;
import org.carerelay.settings.Settings;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Component;

/**
 * Reply addresses: the address the practice receives mail at, with {@code +r-<token>} added to its local part
 * ({@code office+r-<token>@clinic.example}). An answer sent there reaches the practice as mail to the address it
 * extends would ({@link InboundEmails}), and brings the token back. A practice that stored no sender address of its
 * own receives at the deployment's with its slug ({@code no-reply+<slug>@…}), so its reply addresses extend that.
 */
@Component
public class ReplyAddresses {

    private static final Pattern TOKEN_SUFFIX = Pattern.compile("^(.+)\\+r-(" + ReplyThreading.TOKEN.pattern()
            + ")@([^@]+)$");

    private final Settings settings;
    private final Practices practices;

    ReplyAddresses(Settings settings, Practices practices) {
        this.settings = settings;
        this.practices = practices;
    }

    /** The address whose mail reaches {@code practice} carrying {@code token}. */
    public String of(PracticeId practice, String token) {
        String address = settings.get(practice, Setting.EMAIL_SENDER_ADDRESS);
        SettingValue stored = settings.view(practice, Setting.EMAIL_SENDER_ADDRESS.key());
        int at = address.lastIndexOf('@');
        String local = address.substring(0, at);
        if (stored.source() != SettingValue.Source.DATABASE) {
            // The deployment's address is every practice's: the slug says whose mail it is.
            local += "+" + practices.get(practice).slug();
        }
        return (local + "+r-" + token + address.substring(at)).toLowerCase(Locale.ROOT);
    }

    /** The token a reply address carries; empty for any other address. */
    static Optional<String> token(String address) {
        Matcher matcher = TOKEN_SUFFIX.matcher(address);
        return matcher.matches() ? Optional.of(matcher.group(2)) : Optional.empty();
    }

    /** The address a reply address extends; any other address as it is. */
    static String withoutToken(String address) {
        Matcher matcher = TOKEN_SUFFIX.matcher(address);
        return matcher.matches() ? matcher.group(1) + "@" + matcher.group(3) : address;
    }
}
