package org.carerelay.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

class LocalModeBindingTests {

    @Test
    void listensOnLoopbackUnlessToldOtherwise() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        new LocalModeBinding("", "").customize(factory);
        assertThat(factory.getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
    }

    @Test
    void listensWhereCareRelayBindAddressSays() throws Exception {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        new LocalModeBinding("0.0.0.0", "").customize(factory);
        assertThat(factory.getAddress()).isEqualTo(InetAddress.getByName("0.0.0.0"));
    }

    @Test
    void leavesSpringsServerAddressAlone() throws Exception {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        factory.setAddress(InetAddress.getByName("0.0.0.0"));
        new LocalModeBinding("", "0.0.0.0").customize(factory);
        assertThat(factory.getAddress()).isEqualTo(InetAddress.getByName("0.0.0.0"));
    }
}
