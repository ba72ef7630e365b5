package org.carerelay.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an outside tester sent without signing in, through the real server (Tomcat parses multipart and form bodies
 * before any controller runs, which a mock request never shows): each gets a 4xx problem, one log line without its
 * content, and no stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "carerelay.db.local-data-directory=target/test-pg/${random.uuid}",
        "carerelay.data-directory=target/test-data",
        "carerelay.demo.enabled=false",
        "carerelay.messaging.dispatch.enabled=false",
        "carerelay.triage.warm-up=false"})
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestsIntegrationTests {

    private static final String BOUNDARY = "----carerelay-test-boundary";
    private static final String SECRET_NAME = "Jane-Roe-chart";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aTruncatedMultipartBodyIsABadRequestEverywhere(CapturedOutput output) throws Exception {
        for (String path : new String[] {"/webhooks/twilio/sms", "/unsubscribe/x", "/api/v1/patients",
                "/webhooks/email/inbound"}) {
            HttpResponse<String> response = send("POST", path, "multipart/form-data; boundary=" + BOUNDARY,
                    ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"Body\"\r\n\r\nhalf a")
                            .getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(path).isBetween(400, 499);
        }
        assertThat(output.getAll()).doesNotContain("\"level\":\"ERROR\"").doesNotContain("stackTrace");
    }

    @Test
    void aFileNameWithANulCharacterIsRefusedAndNotLogged(CapturedOutput output) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + SECRET_NAME + "\0.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--" + BOUNDARY
                + "--\r\n").getBytes(StandardCharsets.UTF_8));
        for (String path : new String[] {"/webhooks/twilio/sms", "/api/v1/patients/x/documents"}) {
            HttpResponse<String> response = send("POST", path, "multipart/form-data; boundary=" + BOUNDARY,
                    body.toByteArray());
            assertThat(response.statusCode()).as(path).isBetween(400, 499);
            assertThat(response.body()).doesNotContain(SECRET_NAME);
        }
        assertThat(output.getAll()).doesNotContain(SECRET_NAME).doesNotContain("\"level\":\"ERROR\"")
                .doesNotContain("stackTrace");
    }

    @Test
    void aFormBodyOverTheLimitIsTooLarge(CapturedOutput output) throws Exception {
        byte[] form = ("Body=" + "a".repeat(3 * 1024 * 1024)).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> response = send("POST", "/webhooks/twilio/sms", "application/x-www-form-urlencoded",
                form);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(output.getAll()).doesNotContain("\"level\":\"ERROR\"").doesNotContain("stackTrace");
    }

    @Test
    void optionsOnTheApiIsAnsweredWithoutAnError(CapturedOutput output) throws Exception {
        HttpResponse<String> response = send("OPTIONS", "/api/v1/patients", null, null);
        assertThat(response.statusCode()).isLessThan(500);
        assertThat(output.getAll()).doesNotContain("\"level\":\"ERROR\"").doesNotContain("stackTrace");
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
