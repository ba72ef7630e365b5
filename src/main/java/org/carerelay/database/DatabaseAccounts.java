package org.carerelay.database;

/**
 * The two ways into the database: the application account used by every request, and the schema owner used
 * only by migrations. They differ so that the application cannot alter the schema or rewrite the audit log.
 */
record DatabaseAccounts(String jdbcUrl, Account application, Account owner) {

    record Account(String user, String password) {
    }

    static DatabaseAccounts external(DatabaseProperties properties) {
        Account application = new Account(properties.user(), properties.password());
        Account owner = isBlank(properties.migrationUser())
                ? application
                : new Account(properties.migrationUser(), properties.migrationPassword());
        return new DatabaseAccounts(properties.url(), application, owner);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
