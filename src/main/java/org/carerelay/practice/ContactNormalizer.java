package org.carerelay.practice;

import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.carerelay.shared.InvalidFieldException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Puts phone numbers in E.164 (libphonenumber; numbers without a country code are read in the deployment's
 * default region) and email addresses in lower case, so that inbound messages match their patients.
 */
@Component
public class ContactNormalizer {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final java.util.regex.Pattern EMAIL =
            java.util.regex.Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    private final String defaultRegion;

    ContactNormalizer(@Value("${carerelay.phone.default-region:US}") String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public String phone(String raw, String field) {
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(raw == null ? "" : raw, defaultRegion);
            // 555-01xx numbers are reserved for fiction; they are "possible" but not "valid", and the demo uses them.
            if (!PHONES.isValidNumber(number) && !isFictional(number)) {
                throw new InvalidFieldException(field, "is not a valid phone number");
            }
            return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidFieldException(field, "is not a valid phone number");
        }
    }

    /**
     * A stored E.164 number as people write it: the national format in the deployment's region ((312) 555-0100),
     * the international one elsewhere (+44 20 7946 0000); null stays null.
     */
    public String display(String e164) {
        if (e164 == null) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(e164, defaultRegion);
            // A fictional 555-01xx number belongs to no region; it is written as a North American one.
            boolean home = defaultRegion.equals(PHONES.getRegionCodeForNumber(number))
                    || isFictional(number) && PHONES.getCountryCodeForRegion(defaultRegion) == 1;
            return PHONES.format(number, home ? PhoneNumberUtil.PhoneNumberFormat.NATIONAL
                    : PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    public String email(String raw, String field) {
        String email = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new InvalidFieldException(field, "is not a valid email address");
        }
        return email;
    }

    private static boolean isFictional(Phonenumber.PhoneNumber number) {
        String national = String.valueOf(number.getNationalNumber());
        return number.getCountryCode() == 1 && national.length() == 10 && national.startsWith("55501", 3);
    }
}
