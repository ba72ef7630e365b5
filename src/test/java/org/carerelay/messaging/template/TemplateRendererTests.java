package org.carerelay.messaging.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.carerelay.messaging.Channel;
import org.carerelay.practice.Address;
import org.carerelay.practice.Practice;
import org.carerelay.shared.PracticeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateRendererTests {

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final Practice practice = new Practice(new PracticeId(java.util.UUID.randomUUID()), "riverside",
            "Riverside Family Medicine",
            "Riverside", new Address("100 Riverside Drive", null, "New York", "NY", "10024", "US"), "en",
            Instant.now(), Instant.now());
    private final ZoneId chicago = ZoneId.of("America/Chicago");

    static java.util.stream.Stream<String[]> shipped() {
        return DefaultTemplates.KEYS.stream()
                .flatMap(key -> DefaultTemplates.LANGUAGES.stream().map(language -> new String[] {key, language}));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("shipped")
    void everyShippedTemplateRendersEveryChannelWithItsSample(String key, String language) {
        TemplateParts parts = DefaultTemplates.find(key, language).orElseThrow();
        RenderedMessage rendered = renderer.render(parts, null,
                TemplateModel.of(practice, "Ana", DefaultTemplates.sample(key)), chicago, language);

        assertThat(rendered.emailSubject()).isNotBlank().doesNotContain("{{");
        assertThat(rendered.emailText()).isNotBlank().doesNotContain("{{");
        assertThat(rendered.emailHtml()).contains("<html", "Riverside", "100 Riverside Drive").doesNotContain("{{");
        assertThat(rendered.sms()).startsWith("Riverside").doesNotContain("{{");
        assertThat(rendered.smsSegments().encoding()).as("dates must not force UCS-2").isEqualTo(
                language.equals("en") ? "GSM-7" : rendered.smsSegments().encoding());
        assertThat(rendered.inAppBody()).isNotBlank();
        assertThat(parts.phiAllowed()).as("shipped templates carry no clinical detail").isFalse();
    }

    @Test
    void showsTimesInTheRecipientsZoneAndLanguage() {
        TemplateParts parts = new TemplateParts(null, null, null, "{{datetime when}}", null, null, false);
        Map<String, Object> model = Map.of("when", "2026-11-23T15:00:00Z");

        // The words between date and time differ between JDK versions' CLDR data; the facts do not.
        assertThat(renderer.render(parts, Channel.SMS, model, chicago, "en").sms())
                .startsWith("Monday, November 23, 2026").endsWith("9:00 AM");
        assertThat(renderer.render(parts, Channel.SMS, model, chicago, "es").sms())
                .startsWith("lunes, 23 de noviembre de 2026");
    }

    @Test
    void showsAVisitOnItsOwnClockWhateverTheReadersZoneAndNamesTheZone() {
        TemplateParts parts = new TemplateParts(null, null, null, "{{date when}} | {{time when}} | {{datetime when}}",
                null, null, false);
        Map<String, Object> model = Map.of("when", "2026-11-23T10:20-05:00[America/New_York]");

        assertThat(renderer.render(parts, Channel.SMS, model, chicago, "en").sms())
                .startsWith("Monday, November 23, 2026 | 10:20 AM ET | ").endsWith("10:20 AM ET");
        assertThat(renderer.render(parts, Channel.SMS, model, chicago, "es").sms())
                .startsWith("lunes, 23 de noviembre de 2026 | 10:20 ET | ").endsWith("10:20 ET");
    }

    /** Every shipped template that tells a visit's time, read in Los Angeles about a New York visit at 9:00 or 10:00. */
    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("shipped")
    void everyShippedVisitTimeIsOnTheClinicsClockWithItsZoneNamed(String key, String language) {
        String sample = DefaultTemplates.sample(key).toString();
        org.junit.jupiter.api.Assumptions.assumeTrue(sample.contains("[America/New_York]"), "tells no visit time");
        TemplateParts parts = DefaultTemplates.find(key, language).orElseThrow();
        RenderedMessage rendered = renderer.render(parts, null,
                TemplateModel.of(practice, "Ana", DefaultTemplates.sample(key)), ZoneId.of("America/Los_Angeles"),
                language);

        for (String text : new String[] {rendered.sms(), rendered.emailText(), rendered.inAppBody()}) {
            assertThat(text).containsPattern("\\b(0?9|10):00( AM)? ET").doesNotContainPattern("\\b0?[67]:00");
        }
    }

    @Test
    void escapesHtmlInTheHtmlPartOnly() {
        TemplateParts parts = new TemplateParts("Hi {{name}}", "Hi {{name}}", "<p>Hi {{name}}</p>", "Hi {{name}}",
                null, null, false);
        RenderedMessage rendered = renderer.render(parts, null, Map.of("name", "Tom & <Jerry>", "practice",
                Map.of("brandName", "R", "postalAddress", "A")), chicago, "en");

        assertThat(rendered.emailHtml()).contains("Hi Tom &amp; &lt;Jerry&gt;");
        assertThat(rendered.sms()).isEqualTo("Hi Tom & <Jerry>");
        assertThat(rendered.emailText()).isEqualTo("Hi Tom & <Jerry>");
    }

    @Test
    void refusesToRenderAVariableTheContextLacks() {
        TemplateParts parts = DefaultTemplates.find("appointment-reminder", "en").orElseThrow();
        Map<String, Object> context = new HashMap<>(DefaultTemplates.sample("appointment-reminder"));
        context.remove("links");

        assertThatThrownBy(() -> renderer.render(parts, Channel.SMS, TemplateModel.of(practice, "Ana", context),
                chicago, "en"))
                .isInstanceOf(MissingVariableException.class)
                .hasMessage("sms: refers to {{links.confirm}}, which the context lacks");
    }

    @Test
    void aDateHelperWithoutItsValueIsRefusedToo() {
        TemplateParts parts = new TemplateParts(null, null, null, "On {{date appointment.start}}", null, null, false);
        assertThatThrownBy(() -> renderer.render(parts, Channel.SMS, Map.of(), chicago, "en"))
                .isInstanceOf(MissingVariableException.class)
                .hasMessageContaining("sms: gives {{date}} a value the context lacks");
    }

    @Test
    void findsClinicalDetail() {
        assertThat(renderer.refersToClinicalDetail(new TemplateParts(null, null, null,
                "Your result: {{clinical.result}}", null, null, true))).isTrue();
        assertThat(renderer.refersToClinicalDetail(new TemplateParts(null, null, null,
                "Seen on {{date clinical.visitDate}}", null, null, true))).isTrue();
        assertThat(renderer.refersToClinicalDetail(DefaultTemplates.find("appointment-reminder", "en").orElseThrow()))
                .isFalse();
    }
}
