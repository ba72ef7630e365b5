package org.carerelay.messaging.outbox;

import org.carerelay.database.ConditionalOnLocalMode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The dev outbox is open without sign-in: it exists only in local mode, where the server and its data are the
 * developer's own machine.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnLocalMode
@ConditionalOnWebApplication
class DevOutboxSecurity {

    @Bean
    @Order(2)
    SecurityFilterChain devOutboxFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/dev/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
