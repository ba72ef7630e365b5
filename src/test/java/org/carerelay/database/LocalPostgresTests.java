package org.carerelay.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.carerelay.ChildJvm;
import org.junit.jupiter.api.Test;

class LocalPostgresTests {

    private final Path directory = Path.of("target", "test-pg", "local-" + UUID.randomUUID());

    @Test
    void aSecondStartReusesTheData() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(directory)) {
            execute(postgres.accounts(), "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('first start')");
        }
        try (LocalPostgres postgres = LocalPostgres.start(directory)) {
            assertThat(query(postgres.accounts(), "SELECT note FROM kept")).isEqualTo("first start");
        }
    }

    @Test
    void recoversAfterTheProcessWasKilledAndAttachesWhileItLives() throws Exception {
        Process holder = ChildJvm.start(LocalPostgresHolder.class, Map.of(), directory.toString());
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = output.readLine()) != null && !line.startsWith("READY ")) {
                // PostgreSQL start-up chatter
            }
            assertThat(line).as("the child started PostgreSQL").startsWith("READY ");

            // While the other process lives, a second one (an operator command) attaches to its PostgreSQL.
            try (LocalPostgres attached = LocalPostgres.start(directory)) {
                assertThat(attached.accounts().jdbcUrl()).isEqualTo(line.substring("READY ".length()));
                assertThat(query(attached.accounts(), "SELECT note FROM survivor")).isEqualTo("written before kill -9");
            }
        } finally {
            holder.destroyForcibly(); // SIGKILL: no shutdown hook, PostgreSQL is orphaned
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.exists(directory.resolve("postmaster.pid"))).as("the orphan still runs").isTrue();

        try (LocalPostgres restarted = LocalPostgres.start(directory)) {
            assertThat(query(restarted.accounts(), "SELECT note FROM survivor")).isEqualTo("written before kill -9");
        }
        assertThat(Files.exists(directory.resolve("postmaster.pid"))).as("stopped cleanly").isFalse();
    }

    private static void execute(DatabaseAccounts accounts, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(accounts.jdbcUrl(), accounts.owner().user(), "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(DatabaseAccounts accounts, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(accounts.jdbcUrl(), accounts.owner().user(), "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
