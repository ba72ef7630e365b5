package org.carerelay.portal;

import java.time.Clock;
import java.util.UUID;

import org.carerelay.identity.SignedIn;
import org.carerelay.practice.AppointmentFilter;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Practices;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The portal's start page: the signed-in patient's upcoming appointments (listing them is audited). */
@Controller
class PortalHomeController {

    private final Patients patients;
    private final Appointments appointments;
    private final Practices practices;
    private final Clock clock;

    PortalHomeController(Patients patients, Appointments appointments, Practices practices, Clock clock) {
        this.patients = patients;
        this.appointments = appointments;
        this.practices = practices;
        this.clock = clock;
    }

    @GetMapping("/portal")
    String home(Model model) {
        Caller caller = Callers.current();
        UUID patient = SignedIn.currentPortalPatient();
        model.addAttribute("patient", patients.find(caller.practice(), new PatientId(patient)));
        model.addAttribute("practice", practices.get(caller.practice()));
        model.addAttribute("appointments", appointments.list(caller,
                new AppointmentFilter(clock.instant(), null, patient, null, null, null), new PageRequest(0, 10))
                .items());
        return "portal/home";
    }
}
