package org.carerelay.database;

import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Points the connection pool and Flyway at the right database and account. With no {@code CARERELAY_DB_URL}
 * this starts the embedded PostgreSQL first; with one, nothing is started.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /** Local mode's PostgreSQL lives in {@code carerelay.db.local-data-directory} ({@code ./data/pg}). */
    @Bean
    @ConditionalOnLocalMode
    static EarlyLocalPostgres earlyLocalPostgres(Environment environment) {
        return new EarlyLocalPostgres(Path.of(environment.getProperty("carerelay.db.local-data-directory",
                "./data/pg")));
    }

    /** Stopped by {@link EarlyLocalPostgres}, which started it. */
    @Bean(destroyMethod = "")
    @ConditionalOnLocalMode
    LocalPostgres localPostgres(EarlyLocalPostgres early) {
        return early.get();
    }

    @Bean
    DatabaseAccounts databaseAccounts(DatabaseProperties properties, ObjectProvider<LocalPostgres> local) {
        LocalPostgres postgres = local.getIfAvailable();
        return postgres != null ? postgres.accounts() : DatabaseAccounts.external(properties);
    }

    @Bean
    JdbcConnectionDetails jdbcConnectionDetails(DatabaseAccounts accounts) {
        return new JdbcConnectionDetails() {
            @Override
            public String getJdbcUrl() {
                return accounts.jdbcUrl();
            }

            @Override
            public String getUsername() {
                return accounts.application().user();
            }

            @Override
            public String getPassword() {
                return accounts.application().password();
            }
        };
    }

    @Bean
    FlywayConnectionDetails flywayConnectionDetails(DatabaseAccounts accounts) {
        return new FlywayConnectionDetails() {
            @Override
            public String getJdbcUrl() {
                return accounts.jdbcUrl();
            }

            @Override
            public String getUsername() {
                return accounts.owner().user();
            }

            @Override
            public String getPassword() {
                return accounts.owner().password();
            }
        };
    }

    /** Boot's own, but setting each transaction's practice for row-level security. The one every module uses. */
    @Bean
    @Primary
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new PracticeScopedTransactionManager(dataSource);
    }

    /** The grants migration ({@code afterMigrate.sql}) needs to know which role the application uses. */
    @Bean
    FlywayConfigurationCustomizer applicationRolePlaceholder(DatabaseAccounts accounts) {
        return configuration -> configuration.placeholders(Map.of("app_role", accounts.application().user()));
    }
}
