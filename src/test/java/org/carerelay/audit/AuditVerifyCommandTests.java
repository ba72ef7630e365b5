package org.carerelay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.carerelay.CareRelayApplication;
import org.carerelay.ChildJvm;
import org.carerelay.SchemaOwner;
import org.carerelay.TestPractices;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code java -jar carerelay.jar audit verify}, run as an operator would, in its own JVM against a database of
 * its own (this class has its own Spring context, so the tampering stays here).
 */
@SpringBootTest(properties = {
        "carerelay.db.local-data-directory=target/test-pg/cli-${random.uuid}",
        "carerelay.demo.enabled=false"})
class AuditVerifyCommandTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcConnectionDetails application;
    @Autowired
    FlywayConnectionDetails owner;

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

    private Result verify() throws Exception {
        Process process = ChildJvm.start(CareRelayApplication.class, Map.of(
                "CARERELAY_DB_URL", application.getJdbcUrl(),
                "CARERELAY_DB_USER", application.getUsername(),
                "CARERELAY_DB_MIGRATION_USER", owner.getUsername()), "audit", "verify");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
