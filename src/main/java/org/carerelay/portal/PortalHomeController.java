package org.carerelay.portal;

import java.time.Clock;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.documents.Forms;
import org.carerelay.identity.SignedIn;
import org.carerelay.messaging.InAppMessages;
import org.carerelay.practice.AppointmentFilter;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The portal's start page: the patient's messages and upcoming appointments (listing either is audited). */
@Controller
class PortalHomeController {

    static final int LATEST_MESSAGES = 20;

    private final Patients patients;
    private final Appointments appointments;
    private final InAppMessages inAppMessages;
    private final PortalPages pages;
    private final PortalVisits visits;
    private final Forms forms;
    private final Clock clock;

    PortalHomeController(Patients patients, Appointments appointments,
            InAppMessages inAppMessages, PortalPages pages, PortalVisits visits, Forms forms, Clock clock) {
        this.forms = forms;
        this.pages = pages;
        this.visits = visits;
        this.patients = patients;
        this.appointments = appointments;
        this.inAppMessages = inAppMessages;
        this.clock = clock;
    }

    @GetMapping("/portal")
    String home(Model model, HttpServletRequest request, HttpServletResponse response) {
        Caller caller = Callers.current();
        UUID patient = pages.open(model, request, response).value();
        // Open tasks: the forms the practice asks for that the patient has not sent yet.
        model.addAttribute("tasks", forms.definitions().stream()
                .filter(form -> forms.lastSubmitted(caller, new PatientId(patient), form.key()).isEmpty())
                .toList());
        model.addAttribute("language", PortalPages.language(request));
        model.addAttribute("appointments", visits.describe(caller, appointments.list(caller,
                new AppointmentFilter(clock.instant(), null, patient, null, null, null), new PageRequest(0, 10))
                .items(), clock.instant()));
        model.addAttribute("messages", inAppMessages.latest(caller, new PatientId(patient), LATEST_MESSAGES));
        return "portal/home";
    }

    /** The messages card alone: what the page fetches when the server says a new message arrived. */
    @GetMapping("/portal/messages")
    String messages(Model model) {
        Caller caller = Callers.current();
        PatientId patient = new PatientId(SignedIn.currentPortalPatient());
        model.addAttribute("zone", ZoneId.of(patients.find(caller.practice(), patient).timeZone()));
        model.addAttribute("messages", inAppMessages.latest(caller, patient, LATEST_MESSAGES));
        return "portal/home :: messages";
    }
}
