package org.carerelay.practice.web;

import jakarta.validation.Valid;
import org.carerelay.practice.Practice;
import org.carerelay.practice.PracticeDetails;
import org.carerelay.practice.Practices;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own practice. */
@RestController
@RequestMapping("/api/v1/practice")
class PracticeController {

    private final Practices practices;

    PracticeController(Practices practices) {
        this.practices = practices;
    }

    @GetMapping
    @RequiresPermission(Permissions.PRACTICE_READ)
    Practice get() {
        return practices.get(Callers.current().practice());
    }

    @PutMapping
    @RequiresPermission(Permissions.PRACTICE_MANAGE)
    Practice update(@Valid @RequestBody PracticeDetails details) {
        return practices.update(Callers.current(), details);
    }
}
