package org.carerelay.messaging.template;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.practice.Practice;
import org.carerelay.practice.Practices;
import org.carerelay.shared.Caller;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A practice's message templates: the shipped defaults (version 0) and the practice's own versions; every edit
 * is a new version and the newest wins. A template in the patient's language is used when there is one,
 * else the practice's default language, else English.
 */
@Service
public class Templates {

    private static final Pattern KEY = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
    private static final String SAMPLE_GIVEN_NAME = "Alex";

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final Practices practices;
    private final TemplateRenderer renderer;
    private final Clock clock;

    Templates(JdbcClient jdbc, AuditLog auditLog, Practices practices, TemplateRenderer renderer, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.practices = practices;
        this.renderer = renderer;
        this.clock = clock;
    }

    /** The version in force for a recipient who reads {@code language}. */
    @Transactional(readOnly = true)
    public TemplateVersion effective(PracticeId practice, String key, String language) {
        String practiceLanguage = practices.get(practice).defaultLanguage();
        for (String candidate : List.of(language, practiceLanguage, "en")) {
            Optional<TemplateVersion> found = newest(practice, key, candidate)
                    .or(() -> DefaultTemplates.find(key, candidate)
                            .map(parts -> new TemplateVersion(key, candidate, 0, parts, null)));
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new NotFoundException("Template");
    }

    /** The templates in force: every shipped key and language, and every key of the practice's own. */
    @Transactional(readOnly = true)
    public List<TemplateVersion> list(PracticeId practice) {
        List<TemplateVersion> templates = new ArrayList<>();
        for (String key : DefaultTemplates.ALL_KEYS) {
            for (String language : DefaultTemplates.LANGUAGES) {
                templates.add(newest(practice, key, language).orElseGet(() ->
                        new TemplateVersion(key, language, 0, DefaultTemplates.find(key, language).orElseThrow(), null)));
            }
        }
        jdbc.sql("SELECT DISTINCT ON (key, language) * FROM message_template WHERE practice_id = :practice "
                        + "ORDER BY key, language, version DESC")
                .param("practice", practice.value())
                .query(Templates::version)
                .list().stream()
                .filter(custom -> !DefaultTemplates.ALL_KEYS.contains(custom.key())
                        || !DefaultTemplates.LANGUAGES.contains(custom.language()))
                .forEach(templates::add);
        templates.sort(Comparator.comparing(TemplateVersion::key).thenComparing(TemplateVersion::language));
        return templates;
    }

    /** Every version of one template, newest first, ending with the shipped default if there is one. */
    @Transactional(readOnly = true)
    public List<TemplateVersion> history(PracticeId practice, String key, String language) {
        List<TemplateVersion> versions = new ArrayList<>(jdbc.sql("SELECT * FROM message_template "
                        + "WHERE practice_id = :practice AND key = :key AND language = :language ORDER BY version DESC")
                .param("practice", practice.value())
                .param("key", key)
                .param("language", language)
                .query(Templates::version)
                .list());
        DefaultTemplates.find(key, language).ifPresent(parts ->
                versions.add(new TemplateVersion(key, language, 0, parts, null)));
        if (versions.isEmpty()) {
            throw new NotFoundException("Template");
        }
        return versions;
    }

    /**
     * Saves {@code parts} as the next version, after rendering every part against {@code sampleContext} (the
     * shipped sample for a default key when null): a template that needs a variable the sample lacks is refused, and
     * so is one that drops what {@link TemplateSafeguards} requires (the opt-out text, a reminder's links).
     */
    @Transactional
    public TemplateVersion save(Caller caller, String key, String language, TemplateParts parts,
            Map<String, Object> sampleContext) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidFieldException("key", "must be lower-case letters, digits and dashes, at most 64");
        }
        if (language == null || !java.util.Set.of(java.util.Locale.getISOLanguages()).contains(language)) {
            throw new InvalidFieldException("language", "must be an ISO 639-1 language code such as en or es");
        }
        check(parts);
        preview(caller.practice(), key, language, parts, sampleContext);
        TemplateSafeguards.check(key, language, parts).stream().filter(TemplateSafeguards.Finding::required)
                .findFirst().ifPresent(finding -> {
                    throw new InvalidFieldException(finding.field(), finding.message());
                });
        if (!parts.phiAllowed() && renderer.refersToClinicalDetail(parts)) {
            throw new InvalidFieldException("parts.phiAllowed",
                    "must be true for a template that uses clinical.* variables");
        }
        int version = jdbc.sql("SELECT coalesce(max(version), 0) + 1 FROM message_template "
                        + "WHERE practice_id = :practice AND key = :key AND language = :language")
                .param("practice", caller.practice().value())
                .param("key", key)
                .param("language", language)
                .query(Integer.class).single();
        UUID id = UUID.randomUUID();
        try {
            insertVersion(caller, key, language, parts, version, id);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new org.carerelay.shared.ConflictException(
                    "Someone saved this template at the same moment; reload it and save again");
        }
        auditLog.record(AuditEvent.of(caller, "template.saved", AuditEvent.Target.of("message_template", id),
                Map.of("key", key, "language", language, "version", version)));
        return newest(caller.practice(), key, language).orElseThrow();
    }

    private void insertVersion(Caller caller, String key, String language, TemplateParts parts, int version, UUID id) {
        jdbc.sql("""
                INSERT INTO message_template (id, practice_id, key, language, version, email_subject, email_text,
                       email_html, sms_text, in_app_title, in_app_body, phi_allowed, created_at, created_by_type,
                       created_by_id)
                VALUES (:id, :practice, :key, :language, :version, :subject, :text, :html, :sms, :title, :body,
                        :phi, :now, :actorType, :actorId)""")
                .param("id", id)
                .param("practice", caller.practice().value())
                .param("key", key)
                .param("language", language)
                .param("version", version)
                .param("subject", parts.emailSubject())
                .param("text", parts.emailText())
                .param("html", parts.emailHtml())
                .param("sms", parts.sms())
                .param("title", parts.inAppTitle())
                .param("body", parts.inAppBody())
                .param("phi", parts.phiAllowed())
                .param("now", Timestamp.from(clock.instant()))
                .param("actorType", caller.actor().type().name())
                .param("actorId", caller.actor().id())
                .update();
    }

    /**
     * Renders {@code parts} (the version in force when null) with {@code context} (the key's sample when null),
     * as a patient of the practice named Alex would receive it.
     */
    @Transactional(readOnly = true)
    public RenderedMessage preview(PracticeId practiceId, String key, String language, TemplateParts parts,
            Map<String, Object> context) {
        Practice practice = practices.get(practiceId);
        TemplateParts rendered = parts != null ? parts : effective(practiceId, key, language).parts();
        Map<String, Object> sample = context != null ? context : DefaultTemplates.sample(key);
        try {
            return renderer.render(rendered, null, TemplateModel.of(practice, SAMPLE_GIVEN_NAME, sample),
                    ZoneId.of("America/New_York"), language);
        } catch (TemplateException e) {
            throw new InvalidFieldException("parts", e.getMessage());
        }
    }

    private static void check(TemplateParts parts) {
        boolean anyEmail = parts.emailSubject() != null || parts.emailText() != null || parts.emailHtml() != null;
        if (anyEmail && (blank(parts.emailSubject()) || blank(parts.emailText()))) {
            throw new InvalidFieldException("parts", "an email part needs both email.subject and email.text");
        }
        if (parts.inAppBody() != null && blank(parts.inAppTitle())) {
            throw new InvalidFieldException("parts", "an in-app body needs an in-app title");
        }
        if (parts.named().values().stream().allMatch(Templates::blank)) {
            throw new InvalidFieldException("parts", "at least one channel's part is needed");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private Optional<TemplateVersion> newest(PracticeId practice, String key, String language) {
        return jdbc.sql("SELECT * FROM message_template WHERE practice_id = :practice AND key = :key "
                        + "AND language = :language ORDER BY version DESC LIMIT 1")
                .param("practice", practice.value())
                .param("key", key)
                .param("language", language)
                .query(Templates::version)
                .optional();
    }

    private static TemplateVersion version(ResultSet rs, int rowNum) throws SQLException {
        return new TemplateVersion(rs.getString("key"), rs.getString("language"), rs.getInt("version"),
                new TemplateParts(rs.getString("email_subject"), rs.getString("email_text"),
                        rs.getString("email_html"), rs.getString("sms_text"), rs.getString("in_app_title"),
                        rs.getString("in_app_body"), rs.getBoolean("phi_allowed")),
                rs.getTimestamp("created_at").toInstant());
    }
}
