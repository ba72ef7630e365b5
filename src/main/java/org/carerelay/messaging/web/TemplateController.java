package org.carerelay.messaging.web;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.carerelay.messaging.template.RenderedMessage;
import org.carerelay.messaging.template.TemplateParts;
import org.carerelay.messaging.template.TemplateSafeguards;
import org.carerelay.messaging.template.TemplateVersion;
import org.carerelay.messaging.template.Templates;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The practice's message templates: list, history, new versions and previews. */
@RestController
@RequestMapping("/api/v1/templates")
class TemplateController {

    private final Templates templates;

    TemplateController(Templates templates) {
        this.templates = templates;
    }

    /** The version in force of every template, shipped defaults (version 0) included. */
    @GetMapping
    @RequiresPermission(Permissions.COMMS_SEND_MESSAGE)
    List<TemplateVersion> list() {
        return templates.list(Callers.current().practice());
    }

    @GetMapping("/{key}/{language}")
    @RequiresPermission(Permissions.COMMS_SEND_MESSAGE)
    List<TemplateVersion> history(@PathVariable String key, @PathVariable String language) {
        return templates.history(Callers.current().practice(), key, language);
    }

    /** A template's parts as the API takes them; {@code phiAllowed} defaults to false. */
    record Parts(String emailSubject, String emailText, String emailHtml, String sms, String inAppTitle,
            String inAppBody, Boolean phiAllowed) {

        TemplateParts toParts() {
            return new TemplateParts(emailSubject, emailText, emailHtml, sms, inAppTitle, inAppBody,
                    Boolean.TRUE.equals(phiAllowed));
        }
    }

    record NewVersion(@NotNull @Valid Parts parts, Map<String, Object> sampleContext) {
    }

    /** What the shipped template has and a saved version dropped, though it need not keep it. */
    record Warning(String field, String message) {
    }

    /** A saved version, with the warnings about it. */
    record SavedVersion(String key, String language, int version, TemplateParts parts, java.time.Instant createdAt,
            List<Warning> warnings) {
    }

    /**
     * Saves the next version, refused (400) when a part needs a variable the sample context lacks, or drops what the
     * template must keep: the opt-out text of an SMS, a reminder's confirm and cancel links.
     */
    @PutMapping("/{key}/{language}")
    @RequiresPermission(Permissions.COMMS_MANAGE_TEMPLATES)
    ResponseEntity<SavedVersion> save(@PathVariable String key, @PathVariable String language,
            @Valid @RequestBody NewVersion version) {
        TemplateVersion saved = templates.save(Callers.current(), key, language, version.parts().toParts(),
                version.sampleContext());
        List<Warning> warnings = TemplateSafeguards.check(key, language, saved.parts()).stream()
                .filter(finding -> !finding.required())
                .map(finding -> new Warning(finding.field(), finding.message()))
                .toList();
        return ResponseEntity.ok(new SavedVersion(saved.key(), saved.language(), saved.version(), saved.parts(),
                saved.createdAt(), warnings));
    }

    record PreviewRequest(Parts parts, Map<String, Object> context) {
    }

    /** Renders a template (the one in force, or {@code parts}) with a context, SMS segments included. */
    @PostMapping("/{key}/{language}/preview")
    @RequiresPermission(Permissions.COMMS_SEND_MESSAGE)
    RenderedMessage preview(@PathVariable String key, @PathVariable String language,
            @RequestBody PreviewRequest request) {
        return templates.preview(Callers.current().practice(), key, language,
                request.parts() == null ? null : request.parts().toParts(), request.context());
    }
}
