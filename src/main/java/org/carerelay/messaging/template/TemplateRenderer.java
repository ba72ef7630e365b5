package org.carerelay.messaging.template;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;
import com.github.jknack.handlebars.Template;
import org.carerelay.messaging.Channel;
import org.springframework.stereotype.Component;

/**
 * Renders template parts with Handlebars. The HTML part is HTML-escaped; text parts are not (an SMS must not
 * say "&amp;amp;"). A variable the context lacks is an error, never an empty gap: {@link MissingVariableException}.
 * Helpers {@code date}, {@code time} and {@code datetime} show an instant in the recipient's zone and language. A
 * value that names its own zone region ({@code 2026-12-07T10:20-05:00[America/New_York]}, how a visit's start is
 * given) is shown on that clock instead, and {@code time} and {@code datetime} name the zone ("10:20 AM ET"): an
 * in-person visit is at its clinic's wall-clock time whatever zone the reader is in.
 */
@Component
public class TemplateRenderer {

    private static final String ZONE = "zone";
    private static final String LOCALE = "locale";

    private final Handlebars html = configured(new Handlebars());
    private final Handlebars text = configured(new Handlebars().with(EscapingStrategy.NOOP));
    private final Map<String, Template> htmlTemplates = new ConcurrentHashMap<>();
    private final Map<String, Template> textTemplates = new ConcurrentHashMap<>();

    private final String layout;

    public TemplateRenderer() {
        this.layout = DefaultTemplates.read("message-templates/layout.html");
    }

    /**
     * Renders the parts of {@code channel} (every part when null) for a recipient in {@code zone} who reads
     * {@code language}. The email's HTML part goes inside the branded layout.
     */
    public RenderedMessage render(TemplateParts parts, Channel channel, Map<String, Object> model, ZoneId zone,
            String language) {
        Context context = Context.newBuilder(model).build()
                .data(ZONE, zone)
                .data(LOCALE, Locale.forLanguageTag(language));
        boolean email = channel == null || channel == Channel.EMAIL;
        boolean sms = channel == null || channel == Channel.SMS;
        boolean inApp = channel == null || channel == Channel.IN_APP;
        String subject = email ? apply(textTemplates, text, parts.emailSubject(), context, "email.subject") : null;
        String htmlBody = email ? apply(htmlTemplates, html, parts.emailHtml(), context, "email.html") : null;
        String smsText = sms ? apply(textTemplates, text, parts.sms(), context, "sms") : null;
        return new RenderedMessage(subject,
                email ? apply(textTemplates, text, parts.emailText(), context, "email.text") : null,
                htmlBody == null ? null : inLayout(model, subject, htmlBody, language),
                smsText, smsText == null ? null : SmsSegments.of(smsText),
                inApp ? apply(textTemplates, text, parts.inAppTitle(), context, "in-app.title") : null,
                inApp ? apply(textTemplates, text, parts.inAppBody(), context, "in-app.body") : null);
    }

    private String inLayout(Map<String, Object> model, String subject, String body, String language) {
        Map<String, Object> page = new java.util.HashMap<>(model);
        page.put("content", body);
        page.put("subject", subject == null ? "" : subject);
        page.put("language", language);
        return apply(htmlTemplates, html, layout, Context.newBuilder(page).build(), "email layout");
    }

    /** Whether a part refers to clinical detail ({@code clinical.*}), directly or as a helper's parameter. */
    public boolean refersToClinicalDetail(TemplateParts parts) {
        return parts.named().values().stream()
                .filter(source -> source != null)
                .map(source -> compile(textTemplates, text, source, "part"))
                .anyMatch(template -> template.collect(com.github.jknack.handlebars.TagType.values()).stream()
                        .anyMatch(name -> name.startsWith("clinical."))
                        || template.collectReferenceParameters().stream().anyMatch(name -> name.startsWith("clinical.")));
    }

    private static String apply(Map<String, Template> cache, Handlebars handlebars, String source, Context context,
            String part) {
        if (source == null) {
            return null;
        }
        try {
            return compile(cache, handlebars, source, part).apply(context).strip();
        } catch (HandlebarsException e) {
            if (e.getCause() instanceof MissingVariableException missing) {
                throw missing.in(part);
            }
            throw new TemplateException(part + ": " + firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new TemplateException(part + ": could not be rendered");
        }
    }

    /** Compiled templates kept; previews compile arbitrary text, so the cache starts over when it is full. */
    static final int CACHE_SIZE = 2_000;

    private static Template compile(Map<String, Template> cache, Handlebars handlebars, String source, String part) {
        if (cache.size() > CACHE_SIZE) {
            cache.clear();
        }
        return cache.computeIfAbsent(source, s -> {
            try {
                return handlebars.compileInline(s);
            } catch (IOException | HandlebarsException e) {
                throw new TemplateException(part + ": " + firstLine(e.getMessage()));
            }
        });
    }

    private static Handlebars configured(Handlebars handlebars) {
        handlebars.registerHelperMissing((Helper<Object>) (context, options) -> {
            throw MissingVariableException.variable(options.helperName);
        });
        handlebars.registerHelper("date", (Object value, Options options) ->
                format(value, options, DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL), false));
        handlebars.registerHelper("time", (Object value, Options options) ->
                format(value, options, DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT), true));
        handlebars.registerHelper("datetime", (Object value, Options options) ->
                format(value, options, DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT), true));
        return handlebars;
    }

    /** The generic short name of a zone ("ET", "CT", "PT"; "UTC"). */
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("v");

    private static String format(Object value, Options options, DateTimeFormatter formatter, boolean hasTime) {
        if (value == null) {
            throw MissingVariableException.helperParameter(options.helperName);
        }
        Locale locale = options.data(LOCALE);
        TemporalAccessor time = temporal(value, options.data(ZONE));
        String formatted = formatter.withLocale(locale).format(time);
        if (hasTime && ownZone(value) != null) {
            formatted += " " + ZONE_NAME.withLocale(locale).format(time);
        }
        // Newer CLDR data (JDK 20+) puts narrow no-break spaces in times ("9:00\u202FAM"): outside GSM-7, one
        // would turn a whole SMS into UCS-2 and halve what fits in a segment.
        return formatted.replace('\u202F', ' ').replace('\u00A0', ' ');
    }

    /** The zone region a value names itself, or null when it is an instant for the reader's clock. */
    private static ZonedDateTime ownZone(Object value) {
        if (value instanceof ZonedDateTime time) {
            return time.getZone() instanceof java.time.ZoneOffset ? null : time;
        }
        if (value instanceof CharSequence text && text.toString().endsWith("]")) {
            try {
                return ZonedDateTime.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static TemporalAccessor temporal(Object value, ZoneId zone) {
        ZonedDateTime own = ownZone(value);
        if (own != null) {
            return own;
        }
        if (value instanceof Instant instant) {
            return instant.atZone(zone);
        }
        if (value instanceof OffsetDateTime time) {
            return time.atZoneSameInstant(zone);
        }
        if (value instanceof ZonedDateTime time) {
            return time.withZoneSameInstant(zone);
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay(zone);
        }
        String text = value.toString();
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(zone);
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(zone);
            } catch (DateTimeParseException notDate) {
                throw new TemplateException("a date helper was given something that is not a date or date-time");
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "is not a valid template";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
