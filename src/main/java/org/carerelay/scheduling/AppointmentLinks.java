package org.carerelay.scheduling;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.practice.AppointmentId;
import org.carerelay.shared.PracticeId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one-tap links of appointment messages ({@code /r/<token>}): each does one thing to one appointment and works
 * without signing in, so its token is the only proof. The token is random and names nothing; only its SHA-256 is
 * stored. A link ends with its appointment, and when the appointment moves (it described the old time).
 */
@Service
public class AppointmentLinks {

    /** What a link does. */
    public enum Purpose {
        CONFIRM, CANCEL, RESCHEDULE,
        /** Into the portal's page of a video visit (the patient signs in there). */
        JOIN
    }

    /** A link's token, resolved: still usable or not. */
    public record Link(PracticeId practice, AppointmentId appointment, Purpose purpose, boolean expired) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String baseUrl;

    AppointmentLinks(JdbcClient jdbc, Clock clock, @Value("${carerelay.public-base-url}") String publicBaseUrl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.baseUrl = publicBaseUrl.replaceAll("/+$", "") + "/r/";
    }

    /** New links for {@code purposes} of an appointment, valid until {@code expiresAt}: the URL of each. */
    @Transactional
    Map<Purpose, String> issue(PracticeId practice, AppointmentId appointment, Instant expiresAt,
            Purpose... purposes) {
        Map<Purpose, String> urls = new EnumMap<>(Purpose.class);
        for (Purpose purpose : purposes) {
            String token = LinkTokens.random();
            jdbc.sql("""
                    INSERT INTO appointment_link (token_hash, practice_id, appointment_id, purpose, expires_at,
                                                  created_at)
                    VALUES (:hash, :practice, :appointment, :purpose, :expires, :now)""")
                    .param("hash", LinkTokens.hash(token))
                    .param("practice", practice.value())
                    .param("appointment", appointment.value())
                    .param("purpose", purpose.name())
                    .param("expires", Timestamp.from(expiresAt))
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
            urls.put(purpose, baseUrl + token);
        }
        return urls;
    }

    /** The link a token stands for; empty for a token never issued (or malformed). */
    @Transactional(readOnly = true)
    public Optional<Link> resolve(String token) {
        if (token == null || token.length() > LinkTokens.MAX_LENGTH) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.sql("SELECT practice_id, appointment_id, purpose, expires_at FROM appointment_link "
                        + "WHERE token_hash = :hash")
                .param("hash", LinkTokens.hash(token))
                .query((rs, n) -> new Link(new PracticeId(rs.getObject("practice_id", UUID.class)),
                        new AppointmentId(rs.getObject("appointment_id", UUID.class)),
                        Purpose.valueOf(rs.getString("purpose")),
                        !rs.getTimestamp("expires_at").toInstant().isAfter(now)))
                .optional();
    }

    /** Records that a link was used (for the audit of who acted; a link may be opened again to see the outcome). */
    @Transactional
    void used(String token) {
        jdbc.sql("UPDATE appointment_link SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL")
                .param("now", Timestamp.from(clock.instant()))
                .param("hash", LinkTokens.hash(token))
                .update();
    }

    /** Ends every link of an appointment that moved or ended. */
    @Transactional
    void expireAll(AppointmentId appointment) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("UPDATE appointment_link SET expires_at = :now WHERE appointment_id = :appointment "
                        + "AND expires_at > :now")
                .param("now", now)
                .param("appointment", appointment.value())
                .update();
    }
}
