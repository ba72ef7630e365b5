package org.carerelay.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * The Content-Security-Policy and X-Frame-Options of every response: scripts, styles and fonts from CareRelay
 * itself only (no inline script anywhere: every script is a static file), images also as data: URIs (the QR code
 * of TOTP enrollment), no plugins, no framing of CareRelay by anyone, forms posting only to CareRelay.
 *
 * <p>Two narrow openings, each on its own pages only:
 * <ul>
 * <li>a video visit page ({@code /portal/visits/{id}/video}, {@code /console/visits/{id}/video}) may frame the
 * video vendor's rooms, and local mode's placeholder room, which only CareRelay's own pages may frame;</li>
 * <li>the console's template editor frames its own e-mail preview, a document with no script at all whose inline
 * styles are the e-mail's (mail clients read only inline styles) and which only the editor may frame.</li>
 * </ul>
 */
final class ContentSecurityPolicy implements HeaderWriter {

    static final String VIDEO_VENDOR = "https://*.whereby.com";

    private static final String BASE = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    static final String STRICT = BASE + "; frame-src 'none'";
    /** 'self' for local mode's placeholder room ({@code /video/placeholder/*}), which stands in for the vendor's. */
    static final String VIDEO_VISIT = BASE + "; frame-src 'self' " + VIDEO_VENDOR + "; media-src 'self' blob:";
    static final String PLACEHOLDER_ROOM = BASE.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
            + "; frame-src 'none'";
    static final String TEMPLATE_EDITOR = BASE + "; frame-src 'self'";
    static final String EMAIL_PREVIEW = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private static final RequestMatcher VIDEO_PAGES = request -> pathPattern("/portal/visits/*/video").matches(request)
            || pathPattern("/console/visits/*/video").matches(request);
    private static final RequestMatcher PLACEHOLDER_ROOMS = pathPattern("/video/placeholder/*");
    private static final RequestMatcher EMAIL_PREVIEWS = pathPattern("/console/templates/*/*/preview.html");
    private static final RequestMatcher TEMPLATE_EDITORS = pathPattern("/console/templates/*/*");

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        boolean preview = EMAIL_PREVIEWS.matches(request);
        boolean placeholder = PLACEHOLDER_ROOMS.matches(request);
        if (!response.containsHeader("Content-Security-Policy")) {
            response.setHeader("Content-Security-Policy", preview ? EMAIL_PREVIEW
                    : placeholder ? PLACEHOLDER_ROOM
                    : VIDEO_PAGES.matches(request) ? VIDEO_VISIT
                    : TEMPLATE_EDITORS.matches(request) ? TEMPLATE_EDITOR : STRICT);
        }
        response.setHeader("X-Frame-Options", preview || placeholder ? "SAMEORIGIN" : "DENY");
    }
}
