package org.carerelay.portal;

import java.time.ZoneId;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.identity.SignedIn;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Practices;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.WebUtils;

/**
 * What every portal page starts with: the signed-in patient and their practice for the page's header, and the
 * patient's language, unless they chose another ({@code ?lang=}, kept in a cookie).
 */
@Component
class PortalPages {

    private static final String LANGUAGE_COOKIE = "carerelay_lang";

    private final Patients patients;
    private final Practices practices;
    private final LocaleResolver locales;

    PortalPages(Patients patients, Practices practices, LocaleResolver locales) {
        this.patients = patients;
        this.practices = practices;
        this.locales = locales;
    }

    /** The language the page speaks (after {@link #open}): English or Spanish. */
    static String language(HttpServletRequest request) {
        return RequestContextUtils.getLocale(request).getLanguage().equals("es") ? "es" : "en";
    }

    PatientId open(Model model, HttpServletRequest request, HttpServletResponse response) {
        Caller caller = Callers.current();
        PatientId id = new PatientId(SignedIn.currentPortalPatient());
        Patient patient = patients.find(caller.practice(), id);
        if (WebUtils.getCookie(request, LANGUAGE_COOKIE) == null && request.getParameter("lang") == null) {
            locales.setLocale(request, response, Locale.forLanguageTag(patient.preferredLanguage()));
        }
        model.addAttribute("patient", patient);
        model.addAttribute("zone", ZoneId.of(patient.timeZone()));
        model.addAttribute("practice", practices.get(caller.practice()));
        return id;
    }
}
