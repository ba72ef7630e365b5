package org.carerelay.messaging;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.ConsentSource;
import org.carerelay.practice.ContactPoints;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.Practice;
import org.carerelay.practice.Practices;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The unsubscribe link of marketing e-mail: in the footer for people, and in {@code List-Unsubscribe} with
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058) for mail apps. Its token is random and
 * opaque (no PHI in the URL). Using it withdraws consent to marketing e-mail at that address; reminders and
 * other transactional e-mail keep coming.
 */
@Service
public class Unsubscribes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final ContactPoints contactPoints;
    private final Practices practices;
    private final String publicBaseUrl;

    Unsubscribes(JdbcClient jdbc, ContactPoints contactPoints, Practices practices,
            @Value("${carerelay.public-base-url}") String publicBaseUrl) {
        this.jdbc = jdbc;
        this.contactPoints = contactPoints;
        this.practices = practices;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    static String newToken() {
        byte[] token = new byte[24];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The link for {@code token}; null for none. */
    public String url(String token) {
        return token == null ? null : publicBaseUrl + "/unsubscribe/" + token;
    }

    /** The practice whose marketing the link stops, to name it on the page; empty for an unknown link. */
    @Transactional(readOnly = true)
    public Optional<Practice> practiceOf(String token) {
        return target(token).map(target -> practices.get(target.practice()));
    }

    /**
     * Withdraws consent to marketing e-mail at the link's address, for each patient holding it. Using a link
     * again changes nothing. False for an unknown link.
     */
    @Transactional
    public boolean unsubscribe(String token) {
        Optional<Target> found = target(token);
        found.ifPresent(target -> {
            var holders = contactPoints.holders(target.practice(), ContactSystem.EMAIL, target.address());
            for (var holder : holders) {
                var decided = contactPoints.decisions(target.practice(), holder.contactPoint());
                if (!Boolean.FALSE.equals(decided.get(ConsentPurpose.MARKETING_EMAIL))) {
                    contactPoints.changeConsent(target.practice(), new Actor(Actor.Type.PATIENT,
                                    holder.patient().toString()), holder.patient(), holder.contactPoint(),
                            ConsentPurpose.MARKETING_EMAIL, false, ConsentSource.EMAIL_UNSUBSCRIBE);
                }
            }
        });
        return found.isPresent();
    }

    private record Target(PracticeId practice, String address) {
    }

    private Optional<Target> target(String token) {
        if (token == null || token.length() > 64) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT practice_id, recipient FROM delivery WHERE unsubscribe_token = :token")
                .param("token", token)
                .query((rs, n) -> new Target(new PracticeId(rs.getObject("practice_id", UUID.class)),
                        rs.getString("recipient")))
                .optional();
    }
}
