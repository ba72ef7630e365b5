package org.carerelay.database;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.springframework.context.ApplicationContext;

/** Local mode's PostgreSQL, configured exactly as the server runs it (fsync on), for the benchmarks. */
public final class BenchDatabase implements AutoCloseable {

    private final LocalPostgres postgres;

    private BenchDatabase(LocalPostgres postgres) {
        this.postgres = postgres;
    }

    public static BenchDatabase start(Path dataDirectory) {
        return new BenchDatabase(LocalPostgres.start(dataDirectory));
    }

    /**
     * A connection as the schema owner to the database of a running application: for benchmarks that bulk-load
     * tables and ANALYZE them, which the application's own account may not.
     */
    public static Connection ownerConnection(ApplicationContext context) throws SQLException {
        DatabaseAccounts accounts = context.getBean(DatabaseAccounts.class);
        return DriverManager.getConnection(accounts.jdbcUrl(), accounts.owner().user(), accounts.owner().password());
    }

    /**
     * A connection as the superuser of local mode's cluster ({@code postgres}, which the embedded PostgreSQL
     * trusts on localhost): for what only a superuser may do, such as {@code CHECKPOINT}.
     */
    public static Connection superuserConnection(ApplicationContext context) throws SQLException {
        return DriverManager.getConnection(context.getBean(DatabaseAccounts.class).jdbcUrl(), "postgres", "");
    }

    public String jdbcUrl() {
        return postgres.accounts().jdbcUrl();
    }

    /** The schema owner, which the benchmarks migrate and write as. */
    public String user() {
        return postgres.accounts().owner().user();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
