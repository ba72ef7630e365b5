package org.carerelay.demo;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DemoAdminTokenGuardTests {

    @Test
    void refusesTheDemoTokenWithAnExternalDatabase() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("carerelay.db.url", "jdbc:postgresql://db.internal/carerelay");
        assertThatThrownBy(() -> new DemoAdminTokenGuard(new DemoProperties(true, "a-long-enough-demo-token"),
                environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("local mode only");
    }

    @Test
    void acceptsTheDemoTokenInLocalModeAndNoTokenAnywhere() {
        assertThatCode(() -> new DemoAdminTokenGuard(new DemoProperties(true, "a-long-enough-demo-token"),
                new MockEnvironment())).doesNotThrowAnyException();
        assertThatCode(() -> new DemoAdminTokenGuard(new DemoProperties(true, ""),
                new MockEnvironment().withProperty("carerelay.db.url", "jdbc:postgresql://db/carerelay")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAShortDemoToken() {
        assertThatThrownBy(() -> new DemoAdminTokenGuard(new DemoProperties(true, "short"), new MockEnvironment()))
                .hasMessageContaining("at least");
    }
}
