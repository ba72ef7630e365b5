package org.carerelay.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.carerelay.database.BenchDatabase;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Audit-event appends per second, each in its own transaction as a request writes them, against the baseline
 * of plain INSERTs of the same rows, one per transaction, into a table of the same shape with no chain. Both run
 * on local mode's embedded PostgreSQL, configured as the server runs it (fsync and synchronous commit on), in the same JVM and the same run. With several threads
 * ({@code -t 4}), {@code chainedAppend} shows one practice's chain serializing its appends and
 * {@code chainedAppendPracticePerThread} shows that separate practices do not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class AuditAppendBenchmark {

    private static final Map<String, Object> PAYLOAD = Map.of("role", "FRONT_DESK", "count", 3);

    private Path directory;
    private BenchDatabase postgres;
    private HikariDataSource dataSource;
    private TransactionTemplate transactions;
    private AuditChainer chainer;
    private AuditLog auditLog;
    private JdbcClient jdbc;
    private final PracticeId practice = new PracticeId(UUID.randomUUID());
    private final AtomicLong plainSequence = new AtomicLong();

    @Setup(Level.Trial)
    public void startDatabase() throws Exception {
        directory = Files.createTempDirectory("carerelay-bench-pg");
        postgres = BenchDatabase.start(directory);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl());
        config.setUsername(postgres.user());
        config.setMaximumPoolSize(8);
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).placeholders(Map.of("app_role", postgres.user())).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE audit_event_plain (LIKE audit_event INCLUDING DEFAULTS INCLUDING INDEXES)").update();
        DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
        transactions = new TransactionTemplate(transactionManager);
        chainer = new AuditChainer(dataSource);
        chainer.start();
        auditLog = new AuditLog(new JdbcTemplate(dataSource), chainer, Clock.systemUTC(), transactionManager);
    }

    @TearDown(Level.Trial)
    public void stopDatabase() throws Exception {
        chainer.stop();
        dataSource.close();
        postgres.close();
        FileSystemUtils.deleteRecursively(directory);
    }

    @Benchmark
    public void chainedAppend() {
        transactions.executeWithoutResult(status -> auditLog.record(new AuditEvent(practice, Actor.system("bench"),
                "patient.updated", AuditEvent.Target.of("patient", UUID.randomUUID()), PAYLOAD)));
    }

    /** Each thread appends to a practice of its own: chains of different practices never wait for each other. */
    @State(Scope.Thread)
    public static class OwnPractice {
        final PracticeId practice = new PracticeId(UUID.randomUUID());
    }

    @Benchmark
    public void chainedAppendPracticePerThread(OwnPractice own) {
        transactions.executeWithoutResult(status -> auditLog.record(new AuditEvent(own.practice,
                Actor.system("bench"), "patient.updated", AuditEvent.Target.of("patient", UUID.randomUUID()),
                PAYLOAD)));
    }

    @Benchmark
    public void plainInsertBaseline() {
        transactions.executeWithoutResult(status -> jdbc.sql("""
                INSERT INTO audit_event_plain (id, practice_id, chain_seq, occurred_at, actor_type, actor_id, action,
                                               target_type, target_id, payload, prev_hash, hash)
                VALUES (:id, :practice, :seq, now(), 'SYSTEM', 'bench', 'patient.updated', 'patient', :target,
                        CAST(:payload AS jsonb), :prev, :hash)""")
                .param("id", UUID.randomUUID())
                .param("practice", practice.value())
                .param("seq", plainSequence.incrementAndGet())
                .param("target", UUID.randomUUID().toString())
                .param("payload", ChainHash.payloadJson(PAYLOAD))
                .param("prev", ChainHash.GENESIS)
                .param("hash", ChainHash.GENESIS)
                .update());
    }
}
