package org.carerelay.messaging.email;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.carerelay.messaging.inbound.InboundEmails;
import org.carerelay.shared.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /webhooks/email/inbound} with a raw MIME message ({@code message/rfc822}), as a mail relay or an
 * inbound-mail service posts it. The relay authenticates with the deployment's inbound e-mail token
 * ({@code CARERELAY_INBOUND_EMAIL_TOKEN}), as a bearer token or as the password of HTTP Basic; without a configured
 * token every post is refused. (Amazon SES posts through SNS instead, to the same path: {@link SesWebhooks}.)
 */
@RestController
class RawEmailWebhook {

    private static final Logger log = LoggerFactory.getLogger(RawEmailWebhook.class);

    private final InboundEmails inboundEmails;
    private final byte[] token;
    private final int maxSize;

    RawEmailWebhook(InboundEmails inboundEmails, @Value("${carerelay.email.inbound-token:}") String token,
            @Value("${carerelay.email.inbound-max-size:40MB}") DataSize maxSize) {
        this.inboundEmails = inboundEmails;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.maxSize = (int) Math.min(Integer.MAX_VALUE - 8, maxSize.toBytes());
    }

    /**
     * The body is read only once the relay is known, and never past the size cap: a message over it is refused
     * whole (413), not kept in part; the relay bounces it to its sender.
     */
    @PostMapping(path = "/webhooks/email/inbound", consumes = {"message/rfc822", "application/octet-stream"})
    ResponseEntity<?> receive(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            HttpServletRequest request) throws IOException {
        if (token.length == 0 || !authorized(authorization)) {
            log.warn("Refused an inbound e-mail post: {}", token.length == 0
                    ? "no inbound e-mail token is configured (CARERELAY_INBOUND_EMAIL_TOKEN)" : "wrong credentials");
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "The post does not carry this deployment's inbound e-mail token");
            problem.setType(URI.create("https://carerelay.org/problems/forbidden"));
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
        }
        byte[] source = request.getContentLengthLong() > maxSize ? null
                : request.getInputStream().readNBytes(maxSize + 1);
        if (source == null || source.length > maxSize) {
            log.warn("Refused an inbound e-mail over the size cap of {} bytes", maxSize);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                    "The message is larger than this server accepts (" + maxSize + " bytes)");
            problem.setType(URI.create("https://carerelay.org/problems/too-large"));
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
        }
        if (source.length == 0) {
            throw new InvalidFieldException("body", "is empty: post the raw message");
        }
        InboundEmails.Outcome outcome = inboundEmails.receive(source, "email", null);
        // An address of no practice is still a success for the relay: a retry would not change it.
        return outcome == InboundEmails.Outcome.KEPT_FOR_INBOX ? ResponseEntity.accepted().build()
                : ResponseEntity.ok().build();
    }

    /** {@code Bearer <token>}, or HTTP Basic with the token as the password; compared in constant time. */
    private boolean authorized(String authorization) {
        if (authorization == null) {
            return false;
        }
        String presented;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                presented = decoded.substring(decoded.indexOf(':') + 1);
            } catch (IllegalArgumentException e) {
                return false;
            }
        } else {
            return false;
        }
        return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
