package org.carerelay.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.carerelay.practice.ContactPointId;
import org.carerelay.practice.PatientId;

/**
 * A message to send to a patient.
 *
 * @param contactPoint   a particular phone or address of the patient's (a sign-in link to the one they typed),
 *                       or null for the patient's usual one on the channel
 * @param context        the template's variables; CareRelay adds {@code practice} and {@code patient}
 * @param idempotencyKey the same key never yields a second message for the practice; null for none
 * @param notBefore      nothing leaves before this time; null for now
 * @param answersPatient a member of staff answering a message the patient sent: a text needs no prior consent
 *                       (the patient started the exchange), though an opt-out still holds
 * @param threading      for an e-mail, the message it answers and the token its reply address carries; null for none
 */
public record SendRequest(PatientId patient, ContactPointId contactPoint, Channel channel, String templateKey,
        Map<String, Object> context, Purpose purpose, String idempotencyKey, Instant notBefore,
        boolean answersPatient, ReplyThreading threading) {

    public SendRequest(PatientId patient, ContactPointId contactPoint, Channel channel, String templateKey,
            Map<String, Object> context, Purpose purpose, String idempotencyKey, Instant notBefore,
            boolean answersPatient) {
        this(patient, contactPoint, channel, templateKey, context, purpose, idempotencyKey, notBefore, answersPatient,
                null);
    }

    public SendRequest(PatientId patient, ContactPointId contactPoint, Channel channel, String templateKey,
            Map<String, Object> context, Purpose purpose, String idempotencyKey, Instant notBefore) {
        this(patient, contactPoint, channel, templateKey, context, purpose, idempotencyKey, notBefore, false);
    }

    public SendRequest {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(templateKey, "templateKey");
        Objects.requireNonNull(purpose, "purpose");
        context = context == null ? Map.of() : context;
    }
}
