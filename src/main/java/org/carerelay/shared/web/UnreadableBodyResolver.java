package org.carerelay.shared.web;

import java.io.IOException;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A request whose body Tomcat could not read: a truncated multipart body, a file name with a NUL in it, a form
 * over the size limit. The parser fails before a handler is chosen (multipart) or while one reads its parameters,
 * where our controller advice is not asked or took it for our own error (a 500 with a stack trace). It is the
 * sender's: 400, or 413 when too large, as a problem document, logged as one line without the parser's message,
 * which may quote the request (a file name).
 */
@Component
class UnreadableBodyResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UnreadableBodyResolver.class);

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception e) {
        HttpStatus status = statusOf(e);
        if (status == null) {
            return null;
        }
        log.warn("Refused a request whose body could not be read: {} {} ({})", request.getMethod(), status.value(),
                e.getClass().getSimpleName());
        try {
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("""
                    {"type":"https://carerelay.org/problems/%s","title":"%s","status":%d,"detail":"%s"}"""
                    .formatted(status == HttpStatus.CONTENT_TOO_LARGE ? "too-large" : "unreadable-body",
                            status.getReasonPhrase(), status.value(), status == HttpStatus.CONTENT_TOO_LARGE
                                    ? "The request body is larger than this server accepts"
                                    : "The request body is malformed or cut short and could not be read"));
        } catch (IOException gone) {
            // the client left: nothing to answer
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The status for an unreadable body, or null for any other failure (a request that is not multipart at all). */
    static HttpStatus statusOf(Throwable e) {
        if (e instanceof MaxUploadSizeExceededException) {
            return HttpStatus.CONTENT_TOO_LARGE;
        }
        if (e instanceof MultipartException && e.getCause() != null) {
            return HttpStatus.BAD_REQUEST;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidParameterException invalid) {
                return invalid.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value() ? HttpStatus.CONTENT_TOO_LARGE
                        : HttpStatus.BAD_REQUEST;
            }
        }
        return null;
    }
}
