package org.carerelay.identity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every {@code /api/v1} endpoint goes through the permission check. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiWebConfiguration implements WebMvcConfigurer {

    private final AccessDenials denials;

    ApiWebConfiguration(AccessDenials denials) {
        this.denials = denials;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PermissionInterceptor(denials)).addPathPatterns("/api/**");
    }
}
