package org.carerelay;

import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** A connection as the schema owner (the migration account), for tests that play the operator or the attacker. */
public final class SchemaOwner {

    private SchemaOwner() {
    }

    public static JdbcClient jdbc(ApplicationContext context) {
        FlywayConnectionDetails owner = context.getBean(FlywayConnectionDetails.class);
        return JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), owner.getJdbcUrl(),
                owner.getUsername(), owner.getPassword()));
    }
}
