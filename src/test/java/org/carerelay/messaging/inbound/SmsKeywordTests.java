package org.carerelay.messaging.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.carerelay.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Against the compiled CTIA, Twilio and FCC keyword lists in ../shared/testdata/sms-keywords. */
class SmsKeywordTests {

    private final JsonNode lists = JsonMapper.builder().build()
            .readTree(SharedTestData.file("sms-keywords/sms_keywords.json").toFile());

    @Test
    void everyIndustryAndFccOptOutWordOptsOut() {
        List<String> words = new ArrayList<>();
        for (String list : List.of("carrier_industry_core_CTIA", "twilio_default_long_code",
                "fcc_47_CFR_64_1200_a_10_reply_words")) {
            lists.get("opt_out").get(list).forEach(word -> words.add(word.asString()));
        }
        assertThat(words).hasSizeGreaterThan(15);
        words.forEach(word -> assertThat(SmsKeyword.of(word)).as(word).contains(SmsKeyword.OPT_OUT));
    }

    @Test
    void everyDefaultOptInAndHelpWordIsRecognised() {
        lists.get("opt_in").get("twilio_braze_telnyx_default")
                .forEach(word -> assertThat(SmsKeyword.of(word.asString())).contains(SmsKeyword.OPT_IN));
        lists.get("help").forEach(word -> assertThat(SmsKeyword.of(word.asString())).contains(SmsKeyword.HELP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop", " Stop. ", "STOP!", "opt-out", "Opt Out", "stop all", "Unsubscribe\n"})
    void toleratesCaseSpacesAndPunctuation(String body) {
        assertThat(SmsKeyword.of(body)).contains(SmsKeyword.OPT_OUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOP PLEASE", "please stop texting me", "Can I cancel my appointment?", "yes please",
            "", "C", "X"})
    void leavesFreeTextToTheInbox(String body) {
        assertThat(SmsKeyword.of(body)).isEmpty();
    }
}
