package org.carerelay.scheduling;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.carerelay.practice.Appointment;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A patient's text answering a reminder, handed over by the inbox: "C" or "CONFIRM" confirms their next visit, "X"
 * cancels it (never "CANCEL" or "STOP": those opt the number out). A reply the visit cannot take (none coming up,
 * or too late to cancel) is left to the inbox, where staff read it.
 */
@Service
public class TextReplies {

    private static final Set<String> CONFIRM = Set.of("C", "CONFIRM", "CONFIRMAR", "CONFIRMED");
    private static final Set<String> CANCEL = Set.of("X");
    /** A reply is about a visit within the next week or so (the 48-hour reminder's, or a later one). */
    private static final Duration AHEAD = Duration.ofDays(8);

    private final JdbcClient jdbc;
    private final Appointments appointments;
    private final PatientChanges changes;
    private final AppointmentMessages messages;
    private final Clock clock;

    TextReplies(JdbcClient jdbc, Appointments appointments, PatientChanges changes, AppointmentMessages messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.appointments = appointments;
        this.changes = changes;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Acts on {@code text} from {@code patient} when it is a reply word and their next visit can take it; the
     * outcome, or empty to file the text in the inbox as usual. The same inbound message is acted on once.
     */
    @Transactional
    public Optional<PatientChanges.Outcome> answer(PracticeId practice, PatientId patient, UUID inboundMessage,
            String text) {
        String word = text == null ? "" : text.strip().replaceAll("[.!]+$", "").toUpperCase(Locale.ROOT);
        boolean confirm = CONFIRM.contains(word);
        if (!confirm && !CANCEL.contains(word)) {
            return Optional.empty();
        }
        Optional<PatientChanges.Outcome> earlier = jdbc.sql("SELECT outcome FROM appointment_text_reply "
                        + "WHERE inbound_message_id = :id")
                .param("id", inboundMessage)
                .query((rs, n) -> PatientChanges.Outcome.valueOf(rs.getString("outcome")))
                .optional();
        if (earlier.isPresent()) {
            return earlier;
        }
        Instant now = clock.instant();
        List<Appointment> next = appointments.upcoming(practice, patient, now, now.plus(AHEAD));
        if (next.isEmpty()) {
            return Optional.empty();
        }
        Appointment appointment = next.get(0);
        PatientChanges.Outcome outcome = confirm ? changes.confirm(practice, appointment.id())
                : changes.cancel(practice, appointment.id());
        if (outcome != PatientChanges.Outcome.CONFIRMED && outcome != PatientChanges.Outcome.CANCELLED) {
            return Optional.empty();
        }
        jdbc.sql("""
                INSERT INTO appointment_text_reply (inbound_message_id, practice_id, appointment_id, outcome,
                                                    created_at)
                VALUES (:id, :practice, :appointment, :outcome, :now)""")
                .param("id", inboundMessage)
                .param("practice", practice.value())
                .param("appointment", appointment.id().value())
                .param("outcome", outcome.name())
                .param("now", Timestamp.from(now))
                .update();
        if (outcome == PatientChanges.Outcome.CONFIRMED) {
            messages.confirmedByText(practice, appointment); // a cancellation is confirmed by the planner
        }
        return Optional.of(outcome);
    }
}
