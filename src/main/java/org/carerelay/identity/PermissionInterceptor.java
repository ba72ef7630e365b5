package org.carerelay.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.shared.Callers;
import org.carerelay.shared.RequiresPermission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks an endpoint's {@link RequiresPermission} before the request body is read or validated, so that a
 * caller without the permission learns nothing from validation errors. An API endpoint that declares no
 * permission is refused for everyone: forgetting one fails closed. A console page may declare none (the staff
 * member's own account; a test keeps that list short). Method security checks the same annotation again when
 * the method runs.
 */
class PermissionInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(PermissionInterceptor.class);

    private final AccessDenials denials;
    private final boolean api;

    /** {@code api}: a permission is required, and a refusal is audited here (pages audit it when refusing). */
    PermissionInterceptor(AccessDenials denials, boolean api) {
        this.denials = denials;
        this.api = api;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiresPermission required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(),
                RequiresPermission.class);
        if (required == null) {
            required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresPermission.class);
        }
        if (required == null && !api) {
            return true;
        }
        if (required == null) {
            log.error("API endpoint {} declares no permission and is refused", method.getShortLogMessage());
            throw new AccessDeniedException("Endpoint without a permission");
        }
        if (!Callers.current().can(required.value())) {
            if (api) {
                denials.record(Callers.current(), required.value());
            }
            throw new AccessDeniedException("Missing permission " + required.value());
        }
        return true;
    }
}
