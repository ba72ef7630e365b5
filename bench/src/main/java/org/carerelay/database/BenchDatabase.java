package org.carerelay.database;

import java.io.IOException;
import java.nio.file.Path;

/** Local mode's PostgreSQL, configured exactly as the server runs it (fsync on), for the benchmarks. */
public final class BenchDatabase implements AutoCloseable {

    private final LocalPostgres postgres;

    private BenchDatabase(LocalPostgres postgres) {
        this.postgres = postgres;
    }

    public static BenchDatabase start(Path dataDirectory) {
        return new BenchDatabase(LocalPostgres.start(dataDirectory));
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
