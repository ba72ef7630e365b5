package org.carerelay.demo;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when {@code CARERELAY_DEMO_ADMIN_TOKEN} is set against an external database: a token whose
 * value sits in the environment is for trying CareRelay out, never for real patient data.
 */
@Component
class DemoAdminTokenGuard {

    DemoAdminTokenGuard(DemoProperties properties, Environment environment) {
        String url = environment.getProperty("carerelay.db.url");
        boolean external = url != null && !url.isBlank();
        if (properties.hasAdminToken() && external) {
            throw new IllegalStateException("CARERELAY_DEMO_ADMIN_TOKEN is for local mode only and is refused "
                    + "with an external database (CARERELAY_DB_URL). Unset it and issue API tokens through "
                    + "/api/v1/api-tokens.");
        }
        if (properties.hasAdminToken() && properties.adminToken().length() < DemoProperties.MIN_TOKEN_LENGTH) {
            throw new IllegalStateException("CARERELAY_DEMO_ADMIN_TOKEN must be at least "
                    + DemoProperties.MIN_TOKEN_LENGTH + " characters long");
        }
    }
}
