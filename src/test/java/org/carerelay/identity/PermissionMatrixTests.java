package org.carerelay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.carerelay.IntegrationTest;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@IntegrationTest
class PermissionMatrixTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Roles roles;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void thePermissionsInCodeAreThePermissionsInTheDatabase() {
        assertThat(jdbc.sql("SELECT code FROM permission").query(String.class).list())
                .containsExactlyInAnyOrderElementsOf(Permissions.ALL);
        assertThat(jdbc.sql("SELECT code FROM role").query(String.class).list())
                .containsExactlyInAnyOrderElementsOf(List.of(StaffRole.values()).stream().map(Enum::name).toList());
    }

    @Test
    void everyApiEndpointDeclaresAKnownPermission() {
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            boolean api = entry.getKey().getPatternValues().stream().anyMatch(p -> p.startsWith("/api/"));
            if (!api) {
                continue;
            }
            RequiresPermission permission = AnnotatedElementUtils.findMergedAnnotation(
                    entry.getValue().getMethod(), RequiresPermission.class);
            assertThat(permission).as(entry.getKey().toString()).isNotNull();
            assertThat(Permissions.ALL).as(entry.getKey().toString()).contains(permission.value());
        }
    }

    @Test
    void theMatrixGivesEachRoleWhatItsJobNeeds() {
        assertThat(roles.permissionsOf(StaffRole.SUPER_ADMIN)).containsExactlyInAnyOrderElementsOf(Permissions.ALL);
        assertThat(roles.permissionsOf(StaffRole.CLINIC_ADMIN))
                .contains(Permissions.TOKENS_MANAGE, Permissions.AUDIT_VERIFY, Permissions.SETTINGS_MANAGE)
                .doesNotContain(Permissions.CLINICAL_VIEW);
        assertThat(roles.permissionsOf(StaffRole.DOCTOR)).contains(Permissions.CLINICAL_VIEW)
                .doesNotContain(Permissions.SETTINGS_MANAGE, Permissions.BILLING_VIEW);
        assertThat(roles.permissionsOf(StaffRole.FRONT_DESK)).contains(Permissions.APPOINTMENTS_WRITE)
                .doesNotContain(Permissions.CLINICAL_VIEW, Permissions.BILLING_VIEW);
        assertThat(roles.permissionsOf(StaffRole.BILLING)).contains(Permissions.BILLING_MANAGE)
                .doesNotContain(Permissions.CLINICAL_VIEW, Permissions.PATIENTS_WRITE);
        assertThat(roles.permissionsOf(StaffRole.READ_ONLY)).containsExactlyInAnyOrder(Permissions.PRACTICE_READ,
                Permissions.PATIENTS_READ, Permissions.APPOINTMENTS_READ);
    }
}
