package org.carerelay.messaging.outbox;

import org.carerelay.database.ConditionalOnLocalMode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

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
                // Its own policy: the page frames each e-mail's HTML, served sandboxed with a policy of its own.
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin())
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                                + "style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                                + "form-action 'self'; frame-src 'self'; frame-ancestors 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
