package org.carerelay.console;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.messaging.template.DefaultTemplates;
import org.carerelay.messaging.template.RenderedMessage;
import org.carerelay.messaging.template.TemplateParts;
import org.carerelay.messaging.template.TemplateSafeguards;
import org.carerelay.messaging.template.TemplateVersion;
import org.carerelay.messaging.template.Templates;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's template editor: every template in force, and for one key and language its parts, a sample
 * context, a live preview (text parts, SMS segments, and the e-mail in its layout) and its versions. Saving makes
 * a new version, refused while a part needs a variable the sample lacks or drops what the template must keep (its
 * opt-out text, a reminder's links); what it should keep but need not is a warning beside the preview.
 */
@Controller
@RequiresPermission(Permissions.COMMS_MANAGE_TEMPLATES)
class TemplateEditorController {

    private final Templates templates;
    private final JsonMapper json;

    TemplateEditorController(Templates templates, JsonMapper json) {
        this.templates = templates;
        this.json = json;
    }

    /** The editor form: the six parts, PHI allowed, and the sample context as JSON. */
    record Form(String emailSubject, String emailText, String emailHtml, String sms, String inAppTitle,
            String inAppBody, Boolean phiAllowed, String sampleContext) {

        static Form of(TemplateParts parts, String sample) {
            return new Form(parts.emailSubject(), parts.emailText(), parts.emailHtml(), parts.sms(),
                    parts.inAppTitle(), parts.inAppBody(), parts.phiAllowed(), sample);
        }

        TemplateParts parts() {
            return new TemplateParts(part(emailSubject), part(emailText), part(emailHtml), part(sms),
                    part(inAppTitle), part(inAppBody), Boolean.TRUE.equals(phiAllowed));
        }

        private static String part(String text) {
            return text == null || text.isBlank() ? null : text.replace("\r\n", "\n");
        }
    }

    @GetMapping("/console/templates")
    String list(Model model) {
        model.addAttribute("templates", templates.list(Callers.current().practice()));
        return "console/templates";
    }

    @GetMapping("/console/templates/{key}/{language}")
    String edit(@PathVariable String key, @PathVariable String language, Model model) {
        TemplateVersion current = templates.effective(Callers.current().practice(), key, language);
        return editor(model, key, language, Form.of(current.parts(),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(DefaultTemplates.sample(key))), null);
    }

    @PostMapping("/console/templates/{key}/{language}")
    String save(@PathVariable String key, @PathVariable String language, @ModelAttribute Form form, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = Callers.current();
        try {
            TemplateVersion saved = templates.save(caller, key, language, form.parts(), sample(form));
            redirect.addFlashAttribute("saved", saved.version());
            return "redirect:/console/templates/" + key + "/" + language;
        } catch (InvalidFieldException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return editor(model, key, language, form, PART_NAMES.containsKey(e.field())
                    ? PART_NAMES.get(e.field()) + " " + e.reason() : e.reason());
        }
    }

    /** The text parts as a patient would get them with the sample context: the editor's live preview. */
    @PostMapping("/console/templates/{key}/{language}/preview")
    String preview(@PathVariable String key, @PathVariable String language, @ModelAttribute Form form, Model model) {
        try {
            model.addAttribute("preview", render(key, language, form));
        } catch (InvalidFieldException e) {
            model.addAttribute("previewError", e.reason());
        }
        model.addAttribute("findings", findings(key, language, form));
        return "console/template-editor :: preview";
    }

    /** The e-mail's HTML in the practice's layout, for the editor's preview frame (no script, inline styles). */
    @PostMapping(value = "/console/templates/{key}/{language}/preview.html", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> previewHtml(@PathVariable String key, @PathVariable String language,
            @ModelAttribute Form form) {
        String html;
        try {
            html = render(key, language, form).emailHtml();
        } catch (InvalidFieldException e) {
            html = null;
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML)
                .body(html != null ? html : "<!doctype html><p style=\"font-family:sans-serif;color:#5b6876\">"
                        + "No e-mail HTML to show.</p>");
    }

    private RenderedMessage render(String key, String language, Form form) {
        return templates.preview(Callers.current().practice(), key, language, form.parts(), sample(form));
    }

    private String editor(Model model, String key, String language, Form form, String error) {
        List<TemplateVersion> history = templates.history(Callers.current().practice(), key, language);
        model.addAttribute("key", key);
        model.addAttribute("language", language);
        model.addAttribute("form", form);
        model.addAttribute("history", history);
        model.addAttribute("error", error);
        try {
            model.addAttribute("preview", render(key, language, form));
        } catch (InvalidFieldException e) {
            model.addAttribute("previewError", e.reason());
        }
        model.addAttribute("findings", findings(key, language, form));
        return "console/template-editor";
    }

    /** The parts as the editor labels them, for the findings and refusals that name a part by its API field. */
    private static final Map<String, String> PART_NAMES = Map.of("parts.sms", "The SMS",
            "parts.emailText", "The email text", "parts.emailHtml", "The email HTML");

    /** A finding in the editor's words: what the template must or should keep. */
    record Note(String text, boolean required) {
    }

    private static List<Note> findings(String key, String language, Form form) {
        return TemplateSafeguards.check(key, language, form.parts()).stream()
                .map(finding -> new Note(PART_NAMES.getOrDefault(finding.field(), finding.field()) + " "
                        + finding.message() + ".", finding.required()))
                .toList();
    }

    private Map<String, Object> sample(Form form) {
        if (form.sampleContext() == null || form.sampleContext().isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> sample = json.readValue(form.sampleContext(), new TypeReference<>() {
            });
            return sample == null ? Map.of() : sample;
        } catch (JacksonException e) {
            throw new InvalidFieldException("sampleContext", "is not a JSON object");
        }
    }

    /** Shows a missing template as the editor's 404 page rather than a blank form. */
    @ExceptionHandler(NotFoundException.class)
    String notFound(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("status", HttpServletResponse.SC_NOT_FOUND);
        return "error-page";
    }
}
