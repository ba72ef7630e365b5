package org.carerelay.settings;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A runtime setting: its key, what it means, how its text is parsed and checked, and which fallback stands in
 * for it. The parser throws {@link IllegalArgumentException} with a reason that never repeats the value.
 */
public final class Setting<T> {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{7,14}$");

    public static final Setting<String> EMAIL_SENDER_ADDRESS = new Setting<>("email.sender-address",
            "From address of outgoing email", text -> matching(text, EMAIL, "an email address"),
            SettingsFallback::emailSenderAddress, false);
    public static final Setting<String> EMAIL_SENDER_NAME = new Setting<>("email.sender-name",
            "From display name of outgoing email", text -> bounded(text, 100), SettingsFallback::emailSenderName,
            false);
    public static final Setting<String> EMAIL_PROVIDER = new Setting<>("email.provider",
            "How email leaves: dev-outbox, smtp or ses", text -> oneOf(text, "dev-outbox", "smtp", "ses"),
            SettingsFallback::emailProvider, false);
    public static final Setting<String> EMAIL_SECONDARY_PROVIDER = new Setting<>("email.secondary-provider",
            "Where email goes while the primary provider is down: smtp, ses or dev-outbox (none when unset)",
            text -> oneOf(text, "dev-outbox", "smtp", "ses"), SettingsFallback::emailSecondaryProvider, false);
    public static final Setting<String> SMS_SECONDARY_PROVIDER = new Setting<>("sms.secondary-provider",
            "Where SMS goes while the primary provider is down: twilio, end-user-messaging or dev-outbox "
                    + "(none when unset)",
            text -> oneOf(text, "dev-outbox", "twilio", "end-user-messaging"), SettingsFallback::smsSecondaryProvider,
            false);
    public static final Setting<Integer> EMAIL_RATE_PER_SECOND = new Setting<>("email.rate-per-second",
            "Emails per second the provider allows from the practice's sender (0: no limit)",
            text -> wholeNumber(text, 0, 10_000), SettingsFallback::emailRatePerSecond, false);
    public static final Setting<Integer> SMS_RATE_PER_SECOND = new Setting<>("sms.rate-per-second",
            "Texts per second the provider allows from the origination number (long code 1, toll-free 3; 0: no limit)",
            text -> wholeNumber(text, 0, 10_000), SettingsFallback::smsRatePerSecond, false);
    public static final Setting<String> SMS_ORIGINATION_NUMBER = new Setting<>("sms.origination-number",
            "E.164 number SMS is sent from", text -> matching(text, E164, "an E.164 phone number"),
            SettingsFallback::smsOriginationNumber, false);
    public static final Setting<String> SMS_PROVIDER = new Setting<>("sms.provider",
            "How SMS leaves: dev-outbox, twilio or end-user-messaging",
            text -> oneOf(text, "dev-outbox", "twilio", "end-user-messaging"), SettingsFallback::smsProvider, false);
    public static final Setting<String> VIDEO_PROVIDER = new Setting<>("video.provider",
            "Where video visit rooms are made: local (a placeholder page, for trying CareRelay out) or whereby",
            text -> oneOf(text, "local", "whereby"), SettingsFallback::videoProvider, false);
    public static final Setting<String> VIDEO_ROOM_PRESET = new Setting<>("video.room-preset",
            "Video room preset: hipaa (locked, no recording or transcription) or standard",
            text -> oneOf(text, "hipaa", "standard"), SettingsFallback::videoRoomPreset, false);
    public static final Setting<String> TWILIO_WEBHOOK_AUTH_TOKEN = new Setting<>("webhook.twilio.auth-token",
            "Twilio auth token that signs Twilio's webhooks",
            text -> matching(text, Pattern.compile("^[0-9a-f]{32}$"), "32 lower-case hex digits"),
            SettingsFallback::twilioWebhookAuthToken, true);
    public static final Setting<String> TWILIO_ACCOUNT_SID = new Setting<>("twilio.account-sid",
            "Twilio account SID (AC…) that SMS is sent from",
            text -> matching(text, Pattern.compile("^AC[0-9a-f]{32}$"), "AC followed by 32 lower-case hex digits"),
            SettingsFallback::twilioAccountSid, false);
    public static final Setting<LocalTime> QUIET_HOURS_START = new Setting<>("quiet-hours.start",
            "Local time (HH:mm) from which no SMS but security messages go out", Setting::time,
            SettingsFallback::quietHoursStart, false);
    public static final Setting<LocalTime> QUIET_HOURS_END = new Setting<>("quiet-hours.end",
            "Local time (HH:mm) from which SMS may go out again", Setting::time, SettingsFallback::quietHoursEnd,
            false);
    public static final Setting<Integer> MARKETING_WEEKLY_CAP = new Setting<>("marketing.weekly-cap",
            "Marketing messages per patient per week (0 to 50)", text -> wholeNumber(text, 0, 50),
            SettingsFallback::marketingWeeklyCap, false);
    public static final Setting<Integer> INBOX_SLA_URGENT_MINUTES = new Setting<>("inbox.sla.urgent-minutes",
            "Business minutes to answer an urgent inbox message", text -> wholeNumber(text, 5, 10_080),
            SettingsFallback::inboxSlaUrgentMinutes, false);
    public static final Setting<Integer> INBOX_SLA_ROUTINE_MINUTES = new Setting<>("inbox.sla.routine-minutes",
            "Business minutes to answer a routine inbox message (refills, results, appointments)",
            text -> wholeNumber(text, 5, 10_080), SettingsFallback::inboxSlaRoutineMinutes, false);
    public static final Setting<Integer> INBOX_SLA_ADMINISTRATIVE_MINUTES = new Setting<>(
            "inbox.sla.administrative-minutes", "Business minutes to answer an administrative or billing message",
            text -> wholeNumber(text, 5, 10_080), SettingsFallback::inboxSlaAdministrativeMinutes, false);
    public static final Setting<Set<LocalDate>> INBOX_HOLIDAYS = new Setting<>("inbox.holidays",
            "Days the practice is closed, as YYYY-MM-DD separated by commas (none: no holidays); reply clocks stop",
            Setting::dates, SettingsFallback::inboxHolidays, false);
    public static final Setting<Integer> INBOX_THREAD_WINDOW_HOURS = new Setting<>("inbox.thread-window-hours",
            "Hours after its last message within which a patient's new message joins their open conversation",
            text -> wholeNumber(text, 1, 2_160), SettingsFallback::inboxThreadWindowHours, false);
    public static final Setting<String> INBOX_ON_CALL_PHONE = new Setting<>("inbox.on-call-phone",
            "E.164 number paged for urgent and crisis messages when no on-call shift covers the moment (none: nobody)",
            text -> text.equalsIgnoreCase("none") ? "none" : matching(text, E164, "an E.164 phone number or none"),
            SettingsFallback::inboxOnCallPhone, false);
    public static final Setting<Integer> INBOX_POSSIBLE_CRISIS_PAGE_MINUTES = new Setting<>(
            "inbox.possible-crisis-page-minutes",
            "Minutes after a possible-crisis message within which a member of staff who may read it must open it, "
                    + "or on call is paged (5 to 240)",
            text -> wholeNumber(text, 5, 240), SettingsFallback::inboxPossibleCrisisPageMinutes, false);
    public static final Setting<Integer> PATIENT_CHANGE_CUTOFF_HOURS = new Setting<>(
            "scheduling.patient-change-cutoff-hours",
            "Hours before a visit after which a patient can no longer cancel or reschedule it themselves (0 to 336)",
            text -> wholeNumber(text, 0, 336), SettingsFallback::patientChangeCutoffHours, false);

    public static final List<Setting<?>> ALL = List.of(EMAIL_SENDER_ADDRESS, EMAIL_SENDER_NAME, EMAIL_PROVIDER,
            EMAIL_SECONDARY_PROVIDER, EMAIL_RATE_PER_SECOND, SMS_ORIGINATION_NUMBER, SMS_PROVIDER,
            SMS_SECONDARY_PROVIDER, SMS_RATE_PER_SECOND, VIDEO_PROVIDER, VIDEO_ROOM_PRESET, TWILIO_ACCOUNT_SID,
            TWILIO_WEBHOOK_AUTH_TOKEN,
            QUIET_HOURS_START,
            QUIET_HOURS_END, MARKETING_WEEKLY_CAP, INBOX_SLA_URGENT_MINUTES, INBOX_SLA_ROUTINE_MINUTES,
            INBOX_SLA_ADMINISTRATIVE_MINUTES, INBOX_HOLIDAYS, INBOX_THREAD_WINDOW_HOURS, INBOX_ON_CALL_PHONE,
            INBOX_POSSIBLE_CRISIS_PAGE_MINUTES, PATIENT_CHANGE_CUTOFF_HOURS);

    private final String key;
    private final String description;
    private final Function<String, T> parser;
    private final Function<SettingsFallback, String> fallback;
    private final boolean secret;

    private Setting(String key, String description, Function<String, T> parser,
            Function<SettingsFallback, String> fallback, boolean secret) {
        this.key = key;
        this.description = description;
        this.parser = parser;
        this.fallback = fallback;
        this.secret = secret;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** A secret is never shown back once stored. */
    public boolean secret() {
        return secret;
    }

    T parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        return parser.apply(text.trim());
    }

    String fallbackText(SettingsFallback fallbacks) {
        return fallback.apply(fallbacks);
    }

    static Setting<?> byKey(String key) {
        return ALL.stream().filter(setting -> setting.key.equals(key)).findFirst().orElse(null);
    }

    private static String matching(String text, Pattern pattern, String what) {
        if (!pattern.matcher(text).matches()) {
            throw new IllegalArgumentException("must be " + what);
        }
        return text;
    }

    private static String bounded(String text, int max) {
        if (text.length() > max) {
            throw new IllegalArgumentException("must be at most " + max + " characters");
        }
        // The value ends up in mail headers: a line break would let it add headers of its own.
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("must not contain line breaks or control characters");
        }
        return text;
    }

    private static String oneOf(String text, String... allowed) {
        String value = text.toLowerCase(Locale.ROOT);
        if (!List.of(allowed).contains(value)) {
            throw new IllegalArgumentException("must be one of " + List.of(allowed));
        }
        return value;
    }

    private static Set<LocalDate> dates(String text) {
        if (text.equalsIgnoreCase("none")) {
            return Set.of();
        }
        Set<LocalDate> dates = new TreeSet<>();
        for (String part : text.split(",")) {
            try {
                dates.add(LocalDate.parse(part.trim()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("must be dates as YYYY-MM-DD separated by commas, or none");
            }
        }
        if (dates.size() > 366) {
            throw new IllegalArgumentException("must list at most 366 dates");
        }
        return Collections.unmodifiableSet(dates);
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a time of day as HH:mm");
        }
    }

    private static Integer wholeNumber(String text, int min, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, without the value
        }
        throw new IllegalArgumentException("must be a whole number from " + min + " to " + max);
    }

    @Override
    public String toString() {
        return key;
    }
}
