package org.carerelay.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * The Content-Security-Policy of every page: scripts, styles and fonts from CareRelay itself only (no inline
 * script anywhere: every script is a static file), images also as data: URIs (the QR code of TOTP enrollment),
 * no plugins, no framing of CareRelay by anyone, forms posting only to CareRelay.
 *
 * <p>The one opening: a video visit page (added by the scheduling issue, under {@code /portal/visits/{id}/video}
 * and {@code /console/visits/{id}/video}) may frame the video vendor's rooms, and only those pages may.
 */
final class ContentSecurityPolicy implements HeaderWriter {

    static final String VIDEO_VENDOR = "https://*.whereby.com";

    private static final String BASE = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    static final String STRICT = BASE + "; frame-src 'none'";
    static final String VIDEO_VISIT = BASE + "; frame-src " + VIDEO_VENDOR + "; media-src 'self' blob:";

    private static final RequestMatcher VIDEO_PAGES = request -> pathPattern("/portal/visits/*/video").matches(request)
            || pathPattern("/console/visits/*/video").matches(request);

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        if (!response.containsHeader("Content-Security-Policy")) {
            response.setHeader("Content-Security-Policy", VIDEO_PAGES.matches(request) ? VIDEO_VISIT : STRICT);
        }
    }
}
