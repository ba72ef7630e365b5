package org.carerelay.identity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every API endpoint and console page goes through the permission check before its request is read. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiWebConfiguration implements WebMvcConfigurer {

    private final AccessDenials denials;

    ApiWebConfiguration(AccessDenials denials) {
        this.denials = denials;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PermissionInterceptor(denials, true)).addPathPatterns("/api/**");
        registry.addInterceptor(new PermissionInterceptor(denials, false)).addPathPatterns("/console/**");
    }
}
