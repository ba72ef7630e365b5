package org.carerelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.identity.ApiTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operator commands ({@code java -jar carerelay.jar audit verify}, {@code practice create}, {@code keys rotate},
 * {@code triage evaluate}), run as an operator would, in their own JVM against this context's database as an
 * external one. The class has a Spring context of its own, so that its tampering with the audit log stays here.
 */
@SpringBootTest(properties = {
        "carerelay.db.local-data-directory=target/test-pg/cli-${random.uuid}",
        "carerelay.demo.enabled=false",
        "carerelay.triage.warm-up=false"})
class OperatorCommandTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcConnectionDetails application;
    @Autowired
    FlywayConnectionDetails owner;
    @Autowired
    ApiTokens tokens;

    @Test
    void createsAPracticeWithAFirstClinicAdminToken() throws Exception {
        Result created = run("""
                {"name": "Harbor Telehealth", "brandName": "Harbor", "defaultLanguage": "en",
                 "postalAddress": {"line1": "1 Harbor Way", "city": "Boston", "region": "MA",
                                   "postalCode": "02110", "country": "US"}}""", "practice", "create");
        assertThat(created.exitCode()).as(created.output()).isZero();
        String line = created.output().lines().filter(l -> l.startsWith("{\"practiceId\""))
                .findFirst().orElseThrow();
        String token = JsonPath.read(line, "$.clinicAdminToken");
        assertThat(tokens.authenticate(token)).hasValueSatisfying(caller -> {
            assertThat(caller.role()).isEqualTo("CLINIC_ADMIN");
            assertThat(caller.practice().toString()).isEqualTo(JsonPath.read(line, "$.practiceId"));
        });

        Result refused = run("{\"name\": \"\"}", "practice", "create");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output()).contains("Invalid practice");
    }

    @Test
    void reportsAnIntactChainAndThenTheFirstBrokenLink() throws Exception {
        TestPractices.register(context);
        TestPractices.register(context);

        Result intact = verify();
        assertThat(intact.exitCode()).as(intact.output()).isZero();
        assertThat(intact.output()).containsPattern("\\{\"ok\":true,\"events\":\\d+}");

        JdbcClient asOwner = SchemaOwner.jdbc(context);
        asOwner.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete").update();
        asOwner.sql("UPDATE audit_event SET actor_id = 'somebody-else' WHERE chain_seq = 2").update();
        asOwner.sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete").update();

        Result broken = verify();
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.output()).contains("\"ok\":false").contains("\"chainSeq\":2")
                .contains("hash mismatch");
    }

    @Test
    void rotatesThePhiKeysKeepingTheOlderOnes() throws Exception {
        Path keyFile = Path.of("target", "test-data", "cli-" + UUID.randomUUID(), "phi-keyset.json");

        Result rotated = runWith(Map.of("CARERELAY_KEYSET_FILE", keyFile.toString()), null, "keys", "rotate");

        assertThat(rotated.exitCode()).as(rotated.output()).isZero();
        String line = rotated.output().lines().filter(l -> l.startsWith("{\"primaryKeyId\""))
                .findFirst().orElseThrow();
        assertThat((Integer) JsonPath.read(line, "$.keys")).isEqualTo(2);
        String keyset = Files.readString(keyFile);
        assertThat(JsonPath.<Number>read(keyset, "$.primaryKeyId").longValue())
                .isEqualTo(JsonPath.<Number>read(line, "$.primaryKeyId").longValue());
        assertThat((Integer) JsonPath.read(keyset, "$.key.length()")).isEqualTo(2);
    }

    @Test
    void evaluatesTriageOnALabelledFile() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("triage-", ".jsonl");
        java.nio.file.Files.writeString(file, """
                {"id": "a", "text": "Can I reschedule my appointment to Monday?", "category": "APPOINTMENT"}
                {"id": "b", "text": "I want to end it all", "category": "CLINICAL", "crisis": true, "urgent": true}
                {"id": "c", "text": "this traffic is killing me, running 10 min late", "category": "APPOINTMENT"}
                """);
        Result evaluated = run(null, "triage", "evaluate", file.toString());
        assertThat(evaluated.exitCode()).as(evaluated.output()).isZero();
        assertThat(evaluated.output()).contains("(3 examples)").containsPattern("overall\\s+3\\s+\\d")
                .contains("crisis       recall 100.0 % (1 of 1)").contains("urgent       recall");
    }

    private Result verify() throws Exception {
        return run(null, "audit", "verify");
    }

    private Result run(String input, String... command) throws Exception {
        return runWith(Map.of(), input, command);
    }

    private Result runWith(Map<String, String> environment, String input, String... command) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "CARERELAY_DB_URL", application.getJdbcUrl(),
                "CARERELAY_DB_USER", application.getUsername(),
                "CARERELAY_DB_MIGRATION_USER", owner.getUsername(),
                "CARERELAY_DATA_DIR", "target/test-data"));
        env.putAll(environment);
        Process process = ChildJvm.start(CareRelayApplication.class, env, command);
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
