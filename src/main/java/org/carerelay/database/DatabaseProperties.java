package org.carerelay.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How CareRelay reaches PostgreSQL.
 *
 * @param url               JDBC URL of an external PostgreSQL; blank means local mode (embedded PostgreSQL)
 * @param user              the application's account: data access only, no DDL, INSERT and SELECT on the audit log
 * @param password          password of {@code user}
 * @param migrationUser     the account that owns the schema and runs migrations; blank means {@code user}
 * @param migrationPassword password of {@code migrationUser}
 * @param localDataDirectory where local mode keeps the embedded PostgreSQL cluster
 */
@ConfigurationProperties("carerelay.db")
record DatabaseProperties(
        String url,
        String user,
        String password,
        String migrationUser,
        String migrationPassword,
        @DefaultValue("./data/pg") Path localDataDirectory) {

    boolean localMode() {
        return url == null || url.isBlank();
    }
}
