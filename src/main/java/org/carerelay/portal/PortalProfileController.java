package org.carerelay.portal;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.identity.ContactVerifications;
import org.carerelay.identity.RateLimitedException;
import org.carerelay.identity.SignedIn;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.ConsentSource;
import org.carerelay.practice.ContactPoint;
import org.carerelay.practice.ContactPointId;
import org.carerelay.practice.ContactPoints;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PatientDetails;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.ConflictException;
import org.carerelay.shared.InvalidFieldException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The patient's profile and preferences: language, how they like to be written to, what each phone and address
 * may be used for (each change in the consent history, from the portal), and new contact points, verified by a code
 * sent to them.
 */
@Controller
class PortalProfileController {

    private static final List<String> LANGUAGES = List.of("en", "es");

    private final PortalPages pages;
    private final Patients patients;
    private final ContactPoints contactPoints;
    private final ContactVerifications verifications;
    private final LocaleResolver locales;

    PortalProfileController(PortalPages pages, Patients patients, ContactPoints contactPoints,
            ContactVerifications verifications, LocaleResolver locales) {
        this.pages = pages;
        this.patients = patients;
        this.contactPoints = contactPoints;
        this.verifications = verifications;
        this.locales = locales;
    }

    @GetMapping("/portal/profile")
    String profile(Model model, HttpServletRequest request, HttpServletResponse response) {
        pages.open(model, request, response);
        model.addAttribute("languages", LANGUAGES);
        model.addAttribute("channels", PreferredChannel.values());
        return "portal/profile";
    }

    @PostMapping("/portal/profile/preferences")
    String preferences(@RequestParam String language, @RequestParam PreferredChannel channel,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (!LANGUAGES.contains(language)) {
            throw new InvalidFieldException("language", "must be one of " + LANGUAGES);
        }
        Caller caller = Callers.current();
        PatientId id = patient();
        Patient current = patients.find(caller.practice(), id);
        patients.update(caller, id, new PatientDetails(current.givenName(), current.familyName(),
                current.dateOfBirth(), current.mrn(), current.sex(), language, channel, current.timeZoneOverride(),
                current.usualLocationId() == null ? null : current.usualLocationId().value(),
                current.usualProviderId() == null ? null : current.usualProviderId().value(), null));
        locales.setLocale(request, response, Locale.forLanguageTag(language));
        redirect.addFlashAttribute("outcome", "SAVED");
        return "redirect:/portal/profile";
    }

    /** What one contact point may be used for: the boxes ticked are granted, the others withdrawn. */
    @PostMapping("/portal/profile/contact-points/{id}/consents")
    String consents(@PathVariable UUID id, @RequestParam(required = false) Set<ConsentPurpose> granted,
            RedirectAttributes redirect) {
        Caller caller = Callers.current();
        PatientId patient = patient();
        ContactPoint contact = contactPoints.get(caller.practice(), patient, new ContactPointId(id));
        Set<ConsentPurpose> ticked = granted == null ? EnumSet.noneOf(ConsentPurpose.class) : granted;
        for (ConsentPurpose purpose : ConsentPurpose.applicableTo(contact.system())) {
            boolean wanted = ticked.contains(purpose);
            if (!Boolean.valueOf(wanted).equals(contact.consents().get(purpose))) {
                contactPoints.changeConsent(caller.practice(), caller.actor(), patient, contact.id(), purpose, wanted,
                        ConsentSource.PATIENT_PORTAL);
            }
        }
        redirect.addFlashAttribute("outcome", "SAVED");
        return "redirect:/portal/profile";
    }

    @PostMapping("/portal/profile/contact-points")
    String add(@RequestParam ContactSystem system, @RequestParam String value, RedirectAttributes redirect) {
        Caller caller = Callers.current();
        try {
            UUID verification = verifications.start(caller, patient(), system, value);
            return "redirect:/portal/profile/verify/" + verification;
        } catch (InvalidFieldException e) {
            redirect.addFlashAttribute("outcome", "INVALID_CONTACT");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("outcome", "DUPLICATE_CONTACT");
        } catch (RateLimitedException e) {
            redirect.addFlashAttribute("outcome", "TOO_MANY_CODES");
        }
        return "redirect:/portal/profile";
    }

    @PostMapping("/portal/profile/contact-points/{id}/resend")
    String resend(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            return "redirect:/portal/profile/verify/"
                    + verifications.resend(Callers.current(), patient(), new ContactPointId(id));
        } catch (RateLimitedException e) {
            redirect.addFlashAttribute("outcome", "TOO_MANY_CODES");
            return "redirect:/portal/profile";
        }
    }

    @GetMapping("/portal/profile/verify/{verification}")
    String verifyPage(@PathVariable UUID verification, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        pages.open(model, request, response);
        model.addAttribute("verification", verification);
        return "portal/verify-contact";
    }

    @PostMapping("/portal/profile/verify/{verification}")
    String verify(@PathVariable UUID verification, @RequestParam String code, RedirectAttributes redirect) {
        ContactVerifications.Outcome outcome = verifications.confirm(Callers.current(), patient(), verification,
                code);
        redirect.addFlashAttribute("outcome", outcome.name());
        return outcome == ContactVerifications.Outcome.WRONG_CODE
                ? "redirect:/portal/profile/verify/" + verification : "redirect:/portal/profile";
    }

    private static PatientId patient() {
        return new PatientId(SignedIn.currentPortalPatient());
    }
}
