/**
 * Where the data lives: the external PostgreSQL named by {@code CARERELAY_DB_URL}, or in local mode an embedded
 * PostgreSQL under {@code ./data/}, with separate accounts for the schema owner (migrations) and the application.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database")
package org.carerelay.database;
