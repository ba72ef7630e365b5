package org.carerelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.carerelay.messaging.Channel;
import org.carerelay.messaging.template.DefaultTemplates;
import org.carerelay.messaging.template.RenderedMessage;
import org.carerelay.messaging.template.TemplateModel;
import org.carerelay.messaging.template.TemplateRenderer;
import org.carerelay.practice.Address;
import org.carerelay.practice.Practice;
import org.carerelay.shared.PracticeId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped safety answer ({@value SafetyReplies#TEMPLATE}) in each language, crisis or urgent, with and without an on-call number. */
class SafetyTemplateTests {

    private final Practice practice = new Practice(new PracticeId(UUID.randomUUID()), "riverside",
            "Riverside Family Medicine", "Riverside", new Address("1 Main St", null, "Chicago", "IL", "60601", "US"),
            "en", Instant.now(), Instant.now());

    @ParameterizedTest(name = "{0}, crisis {1}, on-call number {2}")
    @CsvSource({"en, true, true", "en, true, false", "en, false, true", "en, false, false",
            "es, true, true", "es, true, false", "es, false, true", "es, false, false"})
    void namesWhatToDoNowIn911AndAt988OnlyForACrisisInGsm7(String language, boolean crisis, boolean onCall) {
        Map<String, Object> context = Map.of("crisis", crisis, "onCallPhone", onCall ? "(312) 555-0199" : "");
        RenderedMessage sms = render(language, Channel.SMS, context);
        RenderedMessage email = render(language, Channel.EMAIL, context);

        assertThat(sms.smsSegments().encoding()).as("no em dash, curly quote or accent outside GSM-7")
                .isEqualTo("GSM-7");
        for (String text : new String[] {sms.sms(), email.emailText(), email.emailHtml()}) {
            assertThat(text).contains("911");
            if (crisis) {
                assertThat(text).contains("988");
            } else {
                assertThat(text).doesNotContain("988");
            }
            if (onCall) {
                assertThat(text).contains("(312) 555-0199");
            } else {
                assertThat(text).as("no empty on-call line").doesNotContain(":  ", "al .", "call .", "guardia",
                        "On-call", "on-call");
            }
        }
    }

    private RenderedMessage render(String language, Channel channel, Map<String, Object> context) {
        return new TemplateRenderer().render(DefaultTemplates.find(SafetyReplies.TEMPLATE, language).orElseThrow(),
                channel, TemplateModel.of(practice, "Ana", context), ZoneId.of("America/Chicago"), language);
    }
}
