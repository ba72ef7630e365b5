package org.carerelay.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.practice.ClinicalAccess;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.shared.Caller;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Intake and consent forms: the shipped definitions, a patient's answers checked against them (every required
 * question answered, dates as dates, choices among the options, consents ticked) and kept sealed as a structured
 * document, and the responses staff read. Submitting again keeps both; the latest counts.
 */
@Service
public class Forms {

    /** The shipped forms, in the order the portal lists them. */
    static final List<String> KEYS = List.of("intake", "consent-to-treat");
    static final int TEXT_LENGTH = 500;
    static final int TEXTAREA_LENGTH = 5_000;

    private final JdbcClient jdbc;
    private final PhiCipher cipher;
    private final Patients patients;
    private final AuditLog auditLog;
    private final JsonMapper json;
    private final ClinicalAccess clinicalAccess;
    private final Clock clock;
    private final List<FormDefinition> definitions;

    Forms(JdbcClient jdbc, PhiCipher cipher, Patients patients, AuditLog auditLog, JsonMapper json,
            ClinicalAccess clinicalAccess, Clock clock) {
        this.clinicalAccess = clinicalAccess;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.patients = patients;
        this.auditLog = auditLog;
        this.json = json;
        this.clock = clock;
        this.definitions = KEYS.stream().map(this::load).toList();
    }

    public List<FormDefinition> definitions() {
        return definitions;
    }

    public FormDefinition definition(String key) {
        return definitions.stream().filter(form -> form.key().equals(key)).findFirst()
                .orElseThrow(() -> new NotFoundException("Form"));
    }

    /** What is wrong with {@code answers} to {@code form}, by field name: a message key per field; empty if nothing. */
    public Map<String, String> problems(FormDefinition form, Map<String, String> answers) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (FormDefinition.Field field : form.fields()) {
            String answer = answers.getOrDefault(field.name(), "").strip();
            if (answer.isEmpty()) {
                if (field.required()) {
                    problems.put(field.name(), field.type().equals("consent") ? "form.problem.consent"
                            : "form.problem.required");
                }
                continue;
            }
            String problem = switch (field.type()) {
                case "text" -> answer.length() > TEXT_LENGTH ? "form.problem.too-long" : null;
                case "textarea" -> answer.length() > TEXTAREA_LENGTH ? "form.problem.too-long" : null;
                case "date" -> date(answer) ? null : "form.problem.date";
                case "choice" -> field.options().contains(answer) ? null : "form.problem.choice";
                case "consent" -> answer.equals("yes") ? null : "form.problem.consent";
                default -> throw new IllegalStateException("Unknown field type " + field.type());
            };
            if (problem != null) {
                problems.put(field.name(), problem);
            }
        }
        return problems;
    }

    /** Keeps the patient's answers, which must have no {@link #problems}; only the form's own fields are kept. */
    @Transactional
    public FormResponse submit(Caller caller, PatientId patient, String key, String language,
            Map<String, String> answers) {
        FormDefinition form = definition(key);
        Map<String, String> problems = problems(form, answers);
        if (!problems.isEmpty()) {
            String field = problems.keySet().iterator().next();
            throw new InvalidFieldException(field, "is not answered as the form asks");
        }
        Map<String, String> kept = new LinkedHashMap<>();
        form.fields().forEach(field -> {
            String answer = answers.getOrDefault(field.name(), "").strip();
            if (!answer.isEmpty()) {
                kept.put(field.name(), answer);
            }
        });
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO form_response (id, practice_id, patient_id, form_key, form_version, language, answers,
                                           submitted_at)
                VALUES (:id, :practice, :patient, :key, :version, :language, :answers, :now)""")
                .param("id", id).param("practice", caller.practice().value()).param("patient", patient.value())
                .param("key", key).param("version", form.version()).param("language", language)
                .param("answers", cipher.seal(json.writeValueAsString(kept), "form_response.answers:" + id))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        auditLog.record(AuditEvent.of(caller, "form.submitted", AuditEvent.Target.of("form_response", id),
                Map.of("patient", patient, "form", key, "version", form.version())));
        return responses(caller.practice().value(), patient).stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow();
    }

    /** Every response of the patient's, newest first: a PHI access, audited. */
    @Transactional
    public List<FormResponse> responses(Caller caller, PatientId patient) {
        patients.requireExists(caller.practice(), patient);
        clinicalAccess.requireVisible(caller, patient); // a doctor reads the forms of their panel
        List<FormResponse> responses = responses(caller.practice().value(), patient);
        auditLog.record(AuditEvent.of(caller, "phi.form_responses.viewed", AuditEvent.Target.of("patient", patient)));
        return responses;
    }

    /** The newest response to {@code key}, if any: for the portal's list (no answers shown there, so no audit). */
    @Transactional(readOnly = true)
    public Optional<Instant> lastSubmitted(Caller caller, PatientId patient, String key) {
        return jdbc.sql("SELECT submitted_at FROM form_response WHERE practice_id = :practice "
                        + "AND patient_id = :patient AND form_key = :key ORDER BY submitted_at DESC LIMIT 1")
                .param("practice", caller.practice().value()).param("patient", patient.value()).param("key", key)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    private List<FormResponse> responses(UUID practice, PatientId patient) {
        return jdbc.sql("SELECT * FROM form_response WHERE practice_id = :practice AND patient_id = :patient "
                        + "ORDER BY submitted_at DESC, id")
                .param("practice", practice).param("patient", patient.value())
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Map<String, String> answers = json.readValue(cipher.open(rs.getString("answers"),
                            "form_response.answers:" + id), new TypeReference<>() {
                            });
                    return new FormResponse(id, patient.value(), rs.getString("form_key"),
                            rs.getInt("form_version"), rs.getString("language"), answers,
                            rs.getTimestamp("submitted_at").toInstant());
                })
                .list();
    }

    private static boolean date(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private FormDefinition load(String key) {
        try (InputStream in = new ClassPathResource("forms/" + key + ".json").getInputStream()) {
            return json.readValue(in, FormDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Missing shipped form " + key, e);
        }
    }
}
