package org.carerelay.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.carerelay.IntegrationTest;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.RequiresPermission;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every role against every permission-protected endpoint: a role without the permission gets 403 before anything
 * is read or validated; a role with it gets past the check (whatever the endpoint then makes of an empty body
 * and random ids). Endpoints are found in the running application, so a new one is covered the day it appears.
 */
@IntegrationTest
class EndpointPermissionMatrixTests {

    /** Console pages about the signed-in person's own account, open to every staff role. */
    static final Set<String> OWN_ACCOUNT_PAGES = Set.of("/console", "/console/security",
            "/console/security/totp/start", "/console/security/totp", "/console/security/recovery-codes",
            "/console/sign-out", "/console/sign-out-everywhere", "/console/session/keepalive");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    Roles roles;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Endpoint(HttpMethod method, String pattern, String permission) {
    }

    @TestFactory
    Stream<DynamicTest> everyRoleAgainstEveryApiEndpoint() {
        TestPractice practice = TestPractices.register(context);
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : endpoints("/api/")) {
            for (StaffRole role : StaffRole.values()) {
                boolean allowed = roles.permissionsOf(role).contains(endpoint.permission());
                tests.add(DynamicTest.dynamicTest(role + " " + endpoint.method() + " " + endpoint.pattern()
                        + (allowed ? " allowed" : " denied"), () -> {
                    int status = mvc.perform(request(endpoint.method(), concrete(endpoint.pattern()))
                                    .header("Authorization", practice.bearer(role))
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .content("{}"))
                            .andReturn().getResponse().getStatus();
                    if (allowed) {
                        assertThat(status).as("status").isNotIn(401, 403);
                    } else {
                        assertThat(status).as("status").isEqualTo(403);
                    }
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThan(40 * StaffRole.values().length);
        return tests.stream();
    }

    @Test
    void everyConsolePageNamesAPermissionOrIsTheStaffMembersOwnAccount() {
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/console") || pattern.startsWith("/console/sign-in")
                        || pattern.startsWith("/console/password-reset")) {
                    continue;
                }
                if (!OWN_ACCOUNT_PAGES.contains(pattern)) {
                    assertThat(permission(entry.getValue())).as(pattern).isNotNull();
                }
            }
        }
    }

    private List<Endpoint> endpoints(String prefix) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequiresPermission permission = permission(entry.getValue());
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith(prefix) || permission == null) {
                    continue;
                }
                Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(new Endpoint(method.asHttpMethod(), pattern, permission.value()));
                }
            }
        }
        return endpoints;
    }

    private static RequiresPermission permission(HandlerMethod handler) {
        RequiresPermission permission = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                RequiresPermission.class);
        return permission != null ? permission
                : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiresPermission.class);
    }

    /** Path variables filled with ids that exist nowhere. */
    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }
}
