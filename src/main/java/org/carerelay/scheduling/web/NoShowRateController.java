package org.carerelay.scheduling.web;

import java.util.List;
import java.util.Map;

import org.carerelay.scheduling.NoShowRates;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The no-show rate per week and location (the number practices measure reminders by), with the cancelled visits
 * by location and reason.
 */
@RestController
class NoShowRateController {

    private final NoShowRates rates;

    NoShowRateController(NoShowRates rates) {
        this.rates = rates;
    }

    @GetMapping("/api/v1/reports/no-show-rates")
    @RequiresPermission(Permissions.APPOINTMENTS_READ)
    Map<String, List<?>> noShowRates(@RequestParam(defaultValue = "8") int weeks) {
        return Map.of("items", rates.lastWeeks(Callers.current().practice(), weeks),
                "cancellations", rates.cancellations(Callers.current().practice(), weeks));
    }
}
