package org.carerelay.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API is stateless: every request carries a bearer token and every endpoint names the permission it needs
 * ({@link org.carerelay.shared.RequiresPermission}). Health, metrics and the API documentation are open.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, JsonMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = ProblemResponses.unauthorized(json);
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable()) // bearer tokens, no cookies: nothing for a forged form to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .addFilterBefore(new BearerTokenFilter(tokens, unauthorized), AnonymousAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(ProblemResponses.forbidden(json)))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable());
        return http.build();
    }

    /** Everything no other chain claims (other modules may add chains for their paths, ordered before this). */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain publicSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/static/**", "/error", "/favicon.ico",
                                "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/webhooks/**")
                        .permitAll()
                        .anyRequest().denyAll())
                // Vendors' webhooks carry no cookie to forge; each verifies the vendor's signature instead.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/webhooks/**"))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable());
        return http.build();
    }

    /** Lets {@code @RequiresPermission("x")} stand for {@code @PreAuthorize("hasAuthority('x')")}. */
    @Bean
    static AnnotationTemplateExpressionDefaults templateExpressionDefaults() {
        return new AnnotationTemplateExpressionDefaults();
    }
}
