package org.carerelay.identity;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.shared.Actor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three kinds of caller, three filter chains (and one for vendors' webhooks). The API is stateless: every request
 * carries a bearer token and every endpoint names the permission it needs
 * ({@link org.carerelay.shared.RequiresPermission}). The staff console ({@code /console/**}) and the patient portal
 * ({@code /portal/**}) are pages with a session cookie and a CSRF token in every form. Vendors' webhooks are open
 * to anyone with the vendor's signature, in a chain of their own without sessions. Health, metrics and the API
 * documentation are open. Every response carries the same security headers.
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
                .headers(SecurityConfiguration::securityHeaders)
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable());
        return http.build();
    }

    /**
     * Vendors' webhooks carry no session, cookie or CSRF token, and each verifies its vendor's signature itself, so
     * the filters that serve sessions and forms do not run for them: they are the busiest path under load.
     */
    @Bean
    @Order(5)
    SecurityFilterChain webhookSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/webhooks/**")
                .csrf(csrf -> csrf.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.disable())
                .requestCache(cache -> cache.disable())
                .servletApi(servletApi -> servletApi.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(SecurityConfiguration::securityHeaders)
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain consoleSecurity(HttpSecurity http, WebSessions sessions, StaffSignIn staff,
            AccessDenials denials, Clock clock) throws Exception {
        return pages(http, "/console", Actor.Type.STAFF, sessions, staff, denials, clock,
                "/console/sign-in", "/console/sign-in/**", "/console/password-reset", "/console/password-reset/**");
    }

    @Bean
    @Order(4)
    SecurityFilterChain portalSecurity(HttpSecurity http, WebSessions sessions, StaffSignIn staff,
            AccessDenials denials, Clock clock) throws Exception {
        return pages(http, "/portal", Actor.Type.PATIENT, sessions, staff, denials, clock,
                "/portal/sign-in", "/portal/sign-in/**");
    }

    /** Pages under {@code prefix} for signed-in callers of {@code type}; {@code open} paths for anyone. */
    private static SecurityFilterChain pages(HttpSecurity http, String prefix, Actor.Type type, WebSessions sessions,
            StaffSignIn staff, AccessDenials denials, Clock clock, String... open) throws Exception {
        AuthorizationManager<RequestAuthorizationContext> signedInAs = (authentication, context) ->
                new AuthorizationDecision(authentication.get() instanceof SignedIn signedIn
                        && (type == Actor.Type.PATIENT ? mayUsePortal(signedIn, context.getRequest())
                                : signedIn.caller().actor().type() == type));
        http.securityMatcher(prefix, prefix + "/**")
                .securityContext(context -> context.securityContextRepository(sessions.securityContextRepository(type)))
                .csrf(csrf -> csrf.csrfTokenRepository(sessions.csrfTokenRepository()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(open).permitAll()
                        .anyRequest().access(signedInAs))
                .addFilterAfter(new SessionLifetimeFilter(sessions, staff, clock, type),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> toSignIn(request, response, prefix))
                        .accessDeniedHandler(deniedPage(denials, prefix)))
                .headers(SecurityConfiguration::securityHeaders)
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable()); // sign-out is a page action that audits it
        return http.build();
    }

    /** The portal's patient themself, or a staff member viewing it as them: reading only. */
    private static boolean mayUsePortal(SignedIn signedIn, HttpServletRequest request) {
        if (signedIn.portalPatient() == null) {
            return false;
        }
        if (!signedIn.viewingAsPatient()) {
            return true;
        }
        String method = request.getMethod();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return method.equals("GET") || method.equals("HEAD") || path.equals("/portal/session/keepalive")
                || path.equals("/portal/view-as/end");
    }

    /** To the sign-in page, saying why when the browser's session just ended. */
    private static void toSignIn(HttpServletRequest request, HttpServletResponse response, String prefix)
            throws IOException {
        boolean ended = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
        response.sendRedirect(request.getContextPath() + prefix + "/sign-in" + (ended ? "?expired" : ""));
    }

    private static AccessDeniedHandler deniedPage(AccessDenials denials, String prefix) {
        return (request, response, e) -> {
            var authentication = SecurityContextHolder.getContext()
                    .getAuthentication();
            if (authentication instanceof SignedIn signedIn) {
                denials.record(signedIn.caller(), null);
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
            } else {
                // A form posted without its CSRF token, typically after the session ended: sign in again.
                toSignIn(request, response, prefix);
            }
        };
    }

    /** Everything no other chain claims (other modules may add chains for their paths, ordered before this). */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain publicSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/static/**", "/webjars/**", "/error", "/favicon.ico",
                                "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/unsubscribe/**", "/r/**", "/w/**", "/video/placeholder/*",
                                "/documents/download/*")
                        .permitAll()
                        .anyRequest().denyAll())
                // An unsubscribe, appointment or waitlist link's secret is its own proof, and mail apps' one-click
                // POSTs carry no token.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/unsubscribe/**", "/r/**", "/w/**"))
                .headers(SecurityConfiguration::securityHeaders)
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable());
        return http.build();
    }

    /**
     * The same on every response: the Content-Security-Policy and X-Frame-Options ({@link ContentSecurityPolicy}),
     * no Referer at all (a sign-in link's token must not leak to another site), no MIME sniffing, and HSTS on
     * requests that came over TLS.
     */
    static void securityHeaders(HeadersConfigurer<HttpSecurity> headers) {
        headers.addHeaderWriter(new ContentSecurityPolicy())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .frameOptions(frame -> frame.disable()) // written with the CSP: one page may be framed by another
                .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000));
    }

    /** Lets {@code @RequiresPermission("x")} stand for {@code @PreAuthorize("hasAuthority('x')")}. */
    @Bean
    static AnnotationTemplateExpressionDefaults templateExpressionDefaults() {
        return new AnnotationTemplateExpressionDefaults();
    }
}
