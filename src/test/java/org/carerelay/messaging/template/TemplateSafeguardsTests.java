package org.carerelay.messaging.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateSafeguardsTests {

    static Stream<Arguments> shippedTemplates() {
        return DefaultTemplates.ALL_KEYS.stream().flatMap(key -> DefaultTemplates.LANGUAGES.stream()
                .map(language -> Arguments.of(key, language)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("shippedTemplates")
    void everyShippedTemplateKeepsItsOwnRules(String key, String language) {
        assertThat(TemplateSafeguards.check(key, language, DefaultTemplates.find(key, language).orElseThrow()))
                .isEmpty();
    }

    @Test
    void aSecurityCodeAndAnAnswerToThePatientsTextGoWithoutOptOutText() {
        assertThat(TemplateSafeguards.check("sign-in-link", "en", sms("{{practice.brandName}} code {{code}}")))
                .isEmpty();
        assertThat(TemplateSafeguards.check("inbox-reply", "es", sms("{{practice.brandName}}: {{text}}"))).isEmpty();
    }

    @Test
    void aTemplateOfThePracticesOwnNeedsTheOptOutWordInCapitals() {
        assertThat(TemplateSafeguards.check("flu-shots", "en", sms("Flu shots are in. Text stop to end.")))
                .extracting(TemplateSafeguards.Finding::field, TemplateSafeguards.Finding::required)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("parts.sms", true));
        assertThat(TemplateSafeguards.check("flu-shots", "en", sms("Flu shots are in. Reply STOP to opt out.")))
                .isEmpty();
    }

    @Test
    void aReminderInAnotherLanguageIsHeldToTheEnglishDefault() {
        List<TemplateSafeguards.Finding> findings = TemplateSafeguards.check("appointment-reminder", "fr",
                sms("Rappel {{datetime appointment.start}} {{links.confirm}} STOP"));
        assertThat(findings).extracting(TemplateSafeguards.Finding::message)
                .containsExactly("must keep {{links.cancel}}: patients cancel it with it");
    }

    @Test
    void findsLinksInTripleStachesAndHelpersButNotInOtherNames() {
        assertThat(TemplateSafeguards.links("{{{links.confirm}}} {{#if links.cancel}}x{{/if}} {{link}} {{linked}} "
                + "{{patient.links.x}}")).containsExactly("links.confirm", "links.cancel", "link");
    }

    private static TemplateParts sms(String text) {
        return new TemplateParts(null, null, null, text, null, null, false);
    }
}
