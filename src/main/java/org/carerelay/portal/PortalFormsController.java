package org.carerelay.portal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.documents.FormDefinition;
import org.carerelay.documents.Forms;
import org.carerelay.identity.SignedIn;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Intake and consent forms in the portal: which ones the patient has sent and when, and each form to fill. A form
 * with a problem comes back with the patient's answers kept and each problem said next to its question.
 */
@Controller
class PortalFormsController {

    private final PortalPages pages;
    private final Forms forms;

    PortalFormsController(PortalPages pages, Forms forms) {
        this.pages = pages;
        this.forms = forms;
    }

    @GetMapping("/portal/forms")
    String list(Model model, HttpServletRequest request, HttpServletResponse response) {
        Caller caller = Callers.current();
        PatientId patient = pages.open(model, request, response);
        Map<String, Object> sent = new LinkedHashMap<>();
        for (FormDefinition form : forms.definitions()) {
            sent.put(form.key(), forms.lastSubmitted(caller, patient, form.key()).orElse(null));
        }
        model.addAttribute("forms", forms.definitions());
        model.addAttribute("sent", sent);
        model.addAttribute("language", PortalPages.language(request));
        return "portal/forms";
    }

    @GetMapping("/portal/forms/{key}")
    String form(@PathVariable String key, Model model, HttpServletRequest request, HttpServletResponse response) {
        pages.open(model, request, response);
        return page(forms.definition(key), Map.of(), Map.of(), model, request);
    }

    @PostMapping("/portal/forms/{key}")
    String submit(@PathVariable String key, @RequestParam Map<String, String> answers, Model model,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        FormDefinition form = forms.definition(key);
        Map<String, String> given = new HashMap<>(answers);
        given.remove("_csrf");
        Map<String, String> problems = forms.problems(form, given);
        if (!problems.isEmpty()) {
            pages.open(model, request, response);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(form, given, problems, model, request);
        }
        forms.submit(Callers.current(), new PatientId(SignedIn.currentPortalPatient()), key,
                PortalPages.language(request), given);
        redirect.addFlashAttribute("outcome", "SENT");
        return "redirect:/portal/forms";
    }

    private String page(FormDefinition form, Map<String, String> answers, Map<String, String> problems,
            Model model, HttpServletRequest request) {
        model.addAttribute("form", form);
        model.addAttribute("answers", answers);
        model.addAttribute("problems", problems);
        model.addAttribute("language", PortalPages.language(request));
        return "portal/form";
    }
}
