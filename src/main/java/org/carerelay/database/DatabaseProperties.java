package org.carerelay.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How CareRelay reaches PostgreSQL.
 *
 * @param url               JDBC URL of an external PostgreSQL; blank means local mode (embedded PostgreSQL)
 * @param user              the application's account: data access only, no DDL, INSERT and SELECT on the audit log
 * @param password          password of {@code user}
 * @param migrationUser     the account that owns the schema and runs migrations; blank means {@code user}
 * @param migrationPassword password of {@code migrationUser}
 */
@ConfigurationProperties("carerelay.db")
record DatabaseProperties(
        String url,
        String user,
        String password,
        String migrationUser,
        String migrationPassword) {

    boolean localMode() {
        return url == null || url.isBlank();
    }
}
