package org.carerelay.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link LocalPostgresTests}: starts the local PostgreSQL on a directory, writes a row,
 * reports its port and waits to be killed.
 */
public class LocalPostgresHolder {

    public static void main(String[] args) throws Exception {
        LocalPostgres postgres = LocalPostgres.start(Path.of(args[0]));
        DatabaseAccounts accounts = postgres.accounts();
        try (Connection connection = DriverManager.getConnection(accounts.jdbcUrl(), accounts.owner().user(), "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS survivor (note text)");
            statement.execute("INSERT INTO survivor VALUES ('written before kill -9')");
        }
        System.out.println("READY " + accounts.jdbcUrl());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
