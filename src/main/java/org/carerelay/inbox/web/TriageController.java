package org.carerelay.inbox.web;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.carerelay.inbox.Category;
import org.carerelay.inbox.triage.Triage;
import org.carerelay.inbox.triage.TriageChannel;
import org.carerelay.inbox.triage.TriageResult;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Triage of a text on request, and staff recategorizations that teach the practice's model. */
@RestController
@RequestMapping("/api/v1/triage")
class TriageController {

    private final Triage triage;

    TriageController(Triage triage) {
        this.triage = triage;
    }

    record Classify(@NotBlank @Size(max = Triage.MAX_TEXT_LENGTH) String text, TriageChannel channel) {
    }

    /**
     * The category, urgent and crisis flags, risk tier and language of a text (sms when no channel is given), with
     * each layer's reasons; nothing is stored.
     */
    @PostMapping("/classify")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    TriageResult classify(@Valid @RequestBody Classify request) {
        return triage.classify(Callers.current().practice(), request.text(), request.channel());
    }

    /**
     * A correction: the category the text should have had and, optionally, whether it was a crisis and whether it was
     * urgent (both or neither; a crisis is always urgent).
     */
    record Correction(@NotBlank @Size(max = Triage.MAX_TEXT_LENGTH) String text, @NotNull Category category,
            Boolean crisis, Boolean urgent) {

        @AssertTrue(message = "give crisis and urgent together, or neither")
        boolean isFlagsTogether() {
            return (crisis == null) == (urgent == null);
        }

        @AssertTrue(message = "a crisis is always urgent")
        boolean isCrisisUrgent() {
            return !Boolean.TRUE.equals(crisis) || Boolean.TRUE.equals(urgent);
        }
    }

    /** Records a correction; the practice's models learn it at their next retrain. */
    @PostMapping("/corrections")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    ResponseEntity<Map<String, UUID>> correct(@Valid @RequestBody Correction request) {
        Caller caller = Callers.current();
        UUID id = triage.recordCorrection(caller.practice(), caller.actor(), request.text(), request.category(),
                request.crisis(), request.urgent());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
    }

    /**
     * Retrains the practice's model now from the shipped corpus and every correction its staff recorded (it also
     * retrains nightly when there are new ones); answers when this node uses the new model.
     */
    @PostMapping("/retraining")
    @RequiresPermission(Permissions.SETTINGS_MANAGE)
    Map<String, Long> retrain() {
        Caller caller = Callers.current();
        return Map.of("generation", triage.retrain(caller.practice(), caller.actor()));
    }
}
