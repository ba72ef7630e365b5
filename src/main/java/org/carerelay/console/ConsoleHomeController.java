package org.carerelay.console;

import java.util.UUID;

import org.carerelay.practice.Practices;
import org.carerelay.practice.StaffUserId;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's start page: who is signed in, for which practice, and where to go. */
@Controller
class ConsoleHomeController {

    private final StaffUsers staff;
    private final Practices practices;

    ConsoleHomeController(StaffUsers staff, Practices practices) {
        this.staff = staff;
        this.practices = practices;
    }

    @GetMapping("/console")
    String home(Model model) {
        Caller caller = Callers.current();
        model.addAttribute("me", staff.get(caller.practice(), new StaffUserId(UUID.fromString(caller.actor().id()))));
        model.addAttribute("practice", practices.get(caller.practice()));
        model.addAttribute("caller", caller);
        return "console/home";
    }
}
