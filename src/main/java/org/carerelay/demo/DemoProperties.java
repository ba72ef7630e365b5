package org.carerelay.demo;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled    seed the demo practice in local mode when the database is empty
 * @param adminToken the demo Clinic Admin's API bearer token ({@code CARERELAY_DEMO_ADMIN_TOKEN}); local mode
 *                   only. When blank, a random one is made once and kept in the data directory.
 */
@ConfigurationProperties("carerelay.demo")
record DemoProperties(@DefaultValue("true") boolean enabled, String adminToken) {

    static final int MIN_TOKEN_LENGTH = 16;

    boolean hasAdminToken() {
        return adminToken != null && !adminToken.isBlank();
    }

    static Path staffPasswordFile(Path dataDirectory) {
        return dataDirectory.resolve("demo-staff-password");
    }

    static Path tokenFile(Path dataDirectory) {
        return dataDirectory.resolve("demo-admin-token");
    }
}
