package org.carerelay.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.carerelay.IntegrationTest;
import org.carerelay.SchemaOwner;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.awaitility.Awaitility;
import org.carerelay.shared.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class AuditLogIntegrationTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    AuditLog auditLog;
    @Autowired
    AuditChainer chainer;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    TestPractice practice;

    @BeforeEach
    void registerPractice() {
        practice = TestPractices.register(context);
    }

    @Test
    void appendsEventsAsOneVerifiableChainPerPractice() {
        long before = auditLog.verify(practice.id()).events();
        for (int i = 0; i < 5; i++) {
            append("test.happened", Map.of("n", i));
        }
        ChainVerification verification = auditLog.verify(practice.id());
        assertThat(verification.ok()).isTrue();
        assertThat(verification.events()).isEqualTo(before + 5);
        List<Long> sequence = jdbc.sql("SELECT chain_seq FROM audit_event WHERE practice_id = :p ORDER BY chain_seq")
                .param("p", practice.id().value()).query(Long.class).list();
        assertThat(sequence).startsWith(1L, 2L, 3L).hasSize((int) before + 5);
    }

    @Test
    void refusesToAppendOutsideATransaction() {
        assertThatThrownBy(() -> auditLog.record(event("test.happened", Map.of())))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void refusesPayloadsThatLookLikePhi() {
        assertThatThrownBy(() -> event("test.happened", Map.of("email", "jane.roe@example.test")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("jane");
        assertThatThrownBy(() -> event("test.happened", Map.of("phone", "+12125550123")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> event("test.happened", Map.of("birth", "1984-03-07")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theApplicationCannotChangeOrRemoveAuditEvents() {
        append("test.happened", Map.of());
        for (String statement : List.of("UPDATE audit_event SET action = 'x' WHERE practice_id = :p",
                "DELETE FROM audit_event WHERE practice_id = :p", "TRUNCATE audit_event")) {
            assertThatThrownBy(() -> jdbc.sql(statement).param("p", practice.id().value()).update())
                    .as(statement)
                    .isInstanceOf(DataAccessException.class)
                    .rootCause().hasMessageContaining("permission denied");
        }
    }

    @Test
    void evenTheSchemaOwnerIsStoppedByTheTrigger() {
        append("test.happened", Map.of());
        chainer.chainNow();
        JdbcClient owner = SchemaOwner.jdbc(context);
        assertThatThrownBy(() -> owner.sql("UPDATE audit_event SET action = 'x' WHERE practice_id = :p")
                .param("p", practice.id().value()).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("DELETE FROM audit_event WHERE practice_id = :p")
                .param("p", practice.id().value()).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("TRUNCATE audit_event").update())
                .rootCause().hasMessageContaining("append-only");
    }

    @Test
    void verificationFindsARowTamperedWithByTheSchemaOwner() {
        for (int i = 0; i < 3; i++) {
            append("test.happened", Map.of("n", i));
        }
        chainer.chainNow();
        UUID victim = jdbc.sql("SELECT id FROM audit_event WHERE practice_id = :p AND action = 'test.happened' "
                        + "ORDER BY chain_seq LIMIT 1 OFFSET 1")
                .param("p", practice.id().value()).query(UUID.class).single();
        tamper("UPDATE audit_event SET payload = '{\"n\": 7}' WHERE id = '" + victim + "'");

        ChainVerification verification = auditLog.verify(practice.id());

        assertThat(verification.ok()).isFalse();
        assertThat(verification.brokenAt().eventId()).isEqualTo(victim);
        assertThat(verification.brokenAt().reason()).contains("hash mismatch");
    }

    @Test
    void verificationFindsADeletedRow() {
        for (int i = 0; i < 3; i++) {
            append("test.happened", Map.of("n", i));
        }
        chainer.chainNow();
        long seq = jdbc.sql("SELECT max(chain_seq) - 1 FROM audit_event WHERE practice_id = :p")
                .param("p", practice.id().value()).query(Long.class).single();
        tamper("DELETE FROM audit_event WHERE practice_id = '" + practice.id() + "' AND chain_seq = " + seq);

        ChainVerification verification = auditLog.verify(practice.id());

        assertThat(verification.ok()).isFalse();
        assertThat(verification.brokenAt().chainSeq()).isEqualTo(seq + 1);
        assertThat(verification.brokenAt().reason()).contains("sequence gap");
    }

    @Test
    void concurrentAppendsStayOneLine() throws Exception {
        long before = auditLog.verify(practice.id()).events();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> appends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            appends.add(pool.submit(() -> append("test.concurrent", Map.of("n", n))));
        }
        for (Future<?> append : appends) {
            append.get();
        }
        pool.shutdown();

        ChainVerification verification = auditLog.verify(practice.id());
        assertThat(verification.ok()).isTrue();
        assertThat(verification.events()).isEqualTo(before + 200);
    }

    @Test
    void aTransactionsEventsAreChainedJustAfterItCommits() {
        append("test.happened", Map.of("n", 1));

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT count(*) FROM audit_event WHERE practice_id = :p AND action = 'test.happened'")
                .param("p", practice.id().value()).query(Long.class).single()).isOne());
        assertThat(waiting()).isZero();
    }

    @Test
    void theEventsOfATransactionThatRollsBackAreNeverWrittenOrChained() {
        long before = auditLog.verify(practice.id()).events();

        transactions.executeWithoutResult(status -> {
            auditLog.record(event("test.rolled_back", Map.of()));
            status.setRollbackOnly();
        });
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            auditLog.record(event("test.rolled_back", Map.of()));
            throw new IllegalStateException("the work failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(auditLog.verify(practice.id()).events()).isEqualTo(before);
        assertThat(waiting()).isZero();
    }

    @Test
    void eventsLeftWaitingByANodeThatStoppedAreChainedByTheNextPass() {
        long before = auditLog.verify(practice.id()).events();
        // What a node that committed and then died before chaining leaves behind.
        jdbc.sql("""
                INSERT INTO audit_pending (id, practice_id, occurred_at, actor_type, actor_id, action, payload)
                VALUES (:id, :p, now(), 'SYSTEM', 'test', 'test.orphaned', '{"n": 1}')""")
                .param("id", UUID.randomUUID()).param("p", practice.id().value()).update();

        chainer.chainNow();

        ChainVerification verification = auditLog.verify(practice.id());
        assertThat(verification.ok()).isTrue();
        assertThat(verification.events()).isEqualTo(before + 1);
        assertThat(waiting()).isZero();
    }

    @Test
    void aWaitingEventCannotBeChanged() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_pending SET action = 'x' WHERE practice_id = :p")
                .param("p", practice.id().value()).update())
                .rootCause().hasMessageContaining("permission denied");
        // Written and changed in one transaction, so that the chainer cannot move the row away in between.
        assertThatThrownBy(() -> SchemaOwner.jdbc(context).sql("""
                DO $$
                BEGIN
                    INSERT INTO audit_pending (id, practice_id, occurred_at, actor_type, actor_id, action)
                    VALUES (gen_random_uuid(), '%s', now(), 'SYSTEM', 'test', 'test.waiting');
                    UPDATE audit_pending SET action = 'x' WHERE practice_id = '%s' AND action = 'test.waiting';
                END
                $$""".formatted(practice.id().value(), practice.id().value())).update())
                .rootCause().hasMessageContaining("append-only");
    }

    @Test
    void workUndoneToASavepointTakesItsEventsWithItAndTheTransactionGoesOn() {
        long before = auditLog.verify(practice.id()).events();

        transactions.executeWithoutResult(status -> {
            auditLog.record(event("test.before", Map.of()));
            assertThatThrownBy(() -> auditLog.withinSavepoint(() -> {
                auditLog.record(event("test.undone", Map.of()));
                jdbc.sql("SELECT 1 / 0").query(Integer.class).single(); // an error that aborts the transaction
            })).isInstanceOf(DataAccessException.class);
            auditLog.withinSavepoint(() -> auditLog.record(event("test.kept", Map.of())));
            auditLog.record(event("test.after", Map.of()));
        });

        assertThat(auditLog.verify(practice.id()).events()).isEqualTo(before + 3);
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE practice_id = :p AND action LIKE 'test.%' "
                        + "ORDER BY chain_seq").param("p", practice.id().value()).query(String.class).list())
                .containsExactly("test.before", "test.kept", "test.after");
    }

    private long waiting() {
        return jdbc.sql("SELECT count(*) FROM audit_pending WHERE practice_id = :p")
                .param("p", practice.id().value()).query(Long.class).single();
    }

    private void append(String action, Map<String, ?> payload) {
        transactions.executeWithoutResult(status -> auditLog.record(event(action, payload)));
    }

    private AuditEvent event(String action, Map<String, ?> payload) {
        return new AuditEvent(practice.id(), Actor.system("test"), action, null, Map.copyOf(payload));
    }

    /** What an attacker with the owner's account would do: switch the trigger off, change history, switch it on. */
    private void tamper(String statement) {
        JdbcClient owner = SchemaOwner.jdbc(context);
        owner.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete").update();
        try {
            owner.sql(statement).update();
        } finally {
            owner.sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete").update();
        }
    }
}
