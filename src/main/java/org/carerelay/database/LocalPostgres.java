package org.carerelay.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of local mode, kept under one data directory across restarts.
 *
 * <p>Three situations on start: a fresh directory (initdb, then roles and database), a directory left by a clean
 * stop (started as is), and one left by a killed JVM: its postmaster lives on as an orphan and would refuse a
 * second postmaster on the same directory, so it is stopped first. When another live CareRelay process holds
 * the directory (an operator command run beside the server), this attaches to its postmaster instead.
 */
final class LocalPostgres implements AutoCloseable {

    static final String DATABASE = "carerelay";
    static final String OWNER_ROLE = "carerelay_owner";
    static final String APP_ROLE = "carerelay_app";

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final int port;

    private LocalPostgres(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    static LocalPostgres start(Path dataDirectory) {
        try {
            Path directory = dataDirectory.toAbsolutePath().normalize();
            Files.createDirectories(directory);
            Optional<Integer> shared = portOfPostmasterOwnedByAnotherProcess(directory);
            if (shared.isPresent()) {
                log.info("Local database is in use by another CareRelay process; attaching to port {}", shared.get());
                return new LocalPostgres(null, shared.get());
            }
            stopOrphanedPostmaster(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // Spring closes this bean after the pool and schedulers; zonky's own hook would race them.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "100")
                    // zonky's defaults are for throwaway test databases (fsync off, asynchronous commit);
                    // local mode may hold a real practice's data, so every commit reaches the disk.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            createRolesAndDatabase(postgres);
            return new LocalPostgres(postgres, postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the local PostgreSQL in " + dataDirectory, e);
        }
    }

    DatabaseAccounts accounts() {
        String url = "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
        // Local connections are trusted by the embedded cluster's pg_hba.conf, so no passwords.
        return new DatabaseAccounts(url, new DatabaseAccounts.Account(APP_ROLE, ""),
                new DatabaseAccounts.Account(OWNER_ROLE, ""));
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void createRolesAndDatabase(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String role : List.of(OWNER_ROLE, APP_ROLE)) {
                statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role
                        + "') THEN CREATE ROLE " + role + " LOGIN; END IF; END $$");
            }
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER_ROLE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the local database roles", e);
        }
    }

    /** When another process holds zonky's lock on the directory, the port its postmaster listens on. */
    private static Optional<Integer> portOfPostmasterOwnedByAnotherProcess(Path directory) throws IOException {
        Path lockFile = directory.resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
        }
        return Postmaster.read(directory).map(Postmaster::port);
    }

    private static void stopOrphanedPostmaster(Path directory) {
        Optional<Postmaster> postmaster = Postmaster.read(directory);
        if (postmaster.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(postmaster.get().pid())
                .filter(ProcessHandle::isAlive)
                .filter(candidate -> isPostmasterOf(candidate, directory));
        if (process.isEmpty()) {
            return; // a stale postmaster.pid: PostgreSQL itself recovers from it
        }
        log.warn("Stopping a PostgreSQL left running on the local data directory by a previous process");
        // SIGTERM: smart shutdown; its clients died with the previous JVM, so it stops promptly.
        process.get().destroy();
        try {
            process.get().onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.get().destroyForcibly(); // crash recovery replays the WAL on the next start
        }
    }

    /**
     * Whether {@code process} is a postmaster serving {@code directory}: a pid in a stale postmaster.pid may since
     * belong to anything, and nothing else may be stopped. A process we cannot inspect is left alone.
     */
    private static boolean isPostmasterOf(ProcessHandle process, Path directory) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(command -> command.endsWith("postgres")).orElse(false);
        boolean ours = info.arguments()
                .map(arguments -> java.util.Arrays.stream(arguments).anyMatch(argument ->
                        argument.endsWith(directory.toString())))
                .orElse(false);
        return postgres && ours;
    }

    /** The first lines of PostgreSQL's {@code postmaster.pid}: pid, data directory, start time, port. */
    record Postmaster(long pid, int port) {

        static Optional<Postmaster> read(Path directory) {
            Path file = directory.resolve("postmaster.pid");
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                return Optional.of(new Postmaster(Long.parseLong(lines.get(0).trim()),
                        Integer.parseInt(lines.get(3).trim())));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
