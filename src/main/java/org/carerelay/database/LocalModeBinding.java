package org.carerelay.database;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Local mode listens on the loopback interface only: its dev outbox shows sign-in links, codes and password-reset
 * links, and the demo's passwords are printed, so a laptop on a café network must not serve them to its
 * neighbours. {@code CARERELAY_BIND_ADDRESS} (or Spring's {@code SERVER_ADDRESS}) opens it on purpose, e.g.
 * {@code 0.0.0.0} inside a container. With an external database the server listens where Spring's default puts it.
 */
@Component
@ConditionalOnLocalMode
class LocalModeBinding implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

    private final String bindAddress;
    private final String serverAddress;

    LocalModeBinding(@Value("${carerelay.bind-address:}") String bindAddress,
            @Value("${server.address:}") String serverAddress) {
        this.bindAddress = bindAddress;
        this.serverAddress = serverAddress;
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        if (!serverAddress.isBlank()) {
            return; // Spring Boot has applied it
        }
        try {
            factory.setAddress(bindAddress.isBlank() ? InetAddress.getLoopbackAddress()
                    : InetAddress.getByName(bindAddress));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("CARERELAY_BIND_ADDRESS is not an address of this machine", e);
        }
    }
}
