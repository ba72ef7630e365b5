package org.carerelay.portal;

import java.time.Clock;
import java.time.ZoneId;
import java.util.UUID;

import org.carerelay.identity.SignedIn;
import org.carerelay.messaging.InAppMessages;
import org.carerelay.practice.AppointmentFilter;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Practices;
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
    private final Practices practices;
    private final InAppMessages inAppMessages;
    private final Clock clock;

    PortalHomeController(Patients patients, Appointments appointments, Practices practices,
            InAppMessages inAppMessages, Clock clock) {
        this.patients = patients;
        this.appointments = appointments;
        this.practices = practices;
        this.inAppMessages = inAppMessages;
        this.clock = clock;
    }

    @GetMapping("/portal")
    String home(Model model) {
        Caller caller = Callers.current();
        UUID patient = SignedIn.currentPortalPatient();
        Patient shown = patients.find(caller.practice(), new PatientId(patient));
        model.addAttribute("patient", shown);
        model.addAttribute("zone", ZoneId.of(shown.timeZone()));
        model.addAttribute("practice", practices.get(caller.practice()));
        model.addAttribute("appointments", appointments.list(caller,
                new AppointmentFilter(clock.instant(), null, patient, null, null, null), new PageRequest(0, 10))
                .items());
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
