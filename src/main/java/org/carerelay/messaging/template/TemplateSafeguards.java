package org.carerelay.messaging.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an edited template must keep of the one CareRelay ships, and what it should. The rule is read off the
 * shipped defaults: every text a practice sends for care, scheduling, payments or marketing tells the patient how to
 * opt out with the word STOP (Spanish templates too, since carriers act on the English keyword); only security
 * codes, the answer to a STOP, answers to the patient's own text and staff alerts go without. So the SMS of a
 * shipped template whose default carries STOP, and of every template of the practice's own (campaigns and other
 * care or marketing texts), must carry it. An appointment reminder is answered through its links, so each of its
 * parts that ships with the confirm and cancel links must keep them. Any other link the default gives a part and the
 * edit drops is only worth a warning: the practice may tell patients another way.
 */
public final class TemplateSafeguards {

    /** One finding: the part (as the API names its field), what is wrong, and whether it stops the save. */
    public record Finding(String field, String message, boolean required) {
    }

    private static final Pattern OPT_OUT = Pattern.compile("\\bSTOP\\b");
    private static final Pattern TAG = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("(?<![\\w.])(links\\.\\w+|link)(?![\\w.])");
    /** The links a reminder is answered with, and what the patient does with each. */
    private static final Map<String, Map<String, String>> REQUIRED_LINKS = Map.of("appointment-reminder",
            Map.of("links.confirm", "confirm the visit", "links.cancel", "cancel it"));
    private static final Map<String, Function<TemplateParts, String>> LINKED_PARTS = new java.util.LinkedHashMap<>();

    static {
        LINKED_PARTS.put("parts.sms", TemplateParts::sms);
        LINKED_PARTS.put("parts.emailText", TemplateParts::emailText);
        LINKED_PARTS.put("parts.emailHtml", TemplateParts::emailHtml);
    }

    private TemplateSafeguards() {
    }

    /** What {@code parts}, edited for {@code key} in {@code language}, lack: the required findings first. */
    public static List<Finding> check(String key, String language, TemplateParts parts) {
        Optional<TemplateParts> shipped = DefaultTemplates.find(key, language).or(() -> DefaultTemplates.find(key, "en"));
        List<Finding> required = new ArrayList<>();
        List<Finding> advised = new ArrayList<>();
        boolean optOutRequired = shipped.map(defaults -> defaults.sms() != null && OPT_OUT.matcher(defaults.sms()).find())
                .orElse(!DefaultTemplates.ALL_KEYS.contains(key));
        if (optOutRequired && parts.sms() != null && !OPT_OUT.matcher(parts.sms()).find()) {
            required.add(new Finding("parts.sms", "must say how to opt out with the word STOP (\"Reply STOP to opt "
                    + "out.\", in Spanish \"Responda STOP para no recibir más mensajes.\"): this template's texts are "
                    + "sent for care or marketing", true));
        }
        shipped.ifPresent(defaults -> LINKED_PARTS.forEach((field, part) -> {
            String edited = part.apply(parts);
            if (edited == null || part.apply(defaults) == null) {
                return;
            }
            Set<String> kept = links(edited);
            Map<String, String> mustKeep = REQUIRED_LINKS.getOrDefault(key, Map.of());
            for (String link : links(part.apply(defaults))) {
                if (kept.contains(link)) {
                    continue;
                }
                if (mustKeep.containsKey(link)) {
                    required.add(new Finding(field, "must keep {{" + link + "}}: patients " + mustKeep.get(link)
                            + " with it", true));
                } else {
                    advised.add(new Finding(field, "no longer has {{" + link + "}}, which the shipped template "
                            + "gives patients", false));
                }
            }
        }));
        required.addAll(advised);
        return required;
    }

    /** The link variables a part refers to ({@code links.confirm}, {@code link}), in their order. */
    static Set<String> links(String source) {
        Set<String> links = new LinkedHashSet<>();
        Matcher tag = TAG.matcher(source);
        while (tag.find()) {
            Matcher link = LINK.matcher(tag.group(1));
            while (link.find()) {
                links.add(link.group(1));
            }
        }
        return links;
    }
}
