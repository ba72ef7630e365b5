package org.carerelay.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.carerelay.SharedTestData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** twilio-java's own request-validator vectors, from ../shared/testdata/twilio-signature. */
class TwilioSignatureTests {

    @Test
    void agreesWithEveryFormParameterVector() {
        JsonNode vectors = JsonMapper.builder().build()
                .readTree(SharedTestData.file("twilio-signature/twilio_request_validator_vectors.json").toFile());
        String token = vectors.get("authToken").asString();
        int checked = 0;
        for (JsonNode vector : vectors.get("vectors")) {
            if (vector.has("body")) {
                continue; // JSON-body webhooks sign a body hash; the SMS webhook is a form post
            }
            Map<String, String> params = new HashMap<>();
            vector.get("params").properties().forEach(entry -> params.put(entry.getKey(), entry.getValue().asString()));
            assertThat(TwilioSignature.valid(token, vector.get("url").asString(), params,
                    vector.get("signature").asString()))
                    .as(vector.get("name").asString())
                    .isEqualTo(vector.get("expectValid").asBoolean());
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void refusesWithoutATokenOrSignature() {
        assertThat(TwilioSignature.valid("", "https://x.test/webhooks/twilio/sms", Map.of(), "abc")).isFalse();
        assertThat(TwilioSignature.valid("12345", "https://x.test/webhooks/twilio/sms", Map.of(), null)).isFalse();
    }
}
