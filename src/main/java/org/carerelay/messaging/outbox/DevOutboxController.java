package org.carerelay.messaging.outbox;

import java.util.List;
import java.util.UUID;

import org.carerelay.database.ConditionalOnLocalMode;
import org.carerelay.shared.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/** {@code /dev/outbox}: every message local mode would have sent, as the patient would see it. Local mode only. */
@Controller
@ConditionalOnLocalMode
class DevOutboxController {

    private final DevOutbox outbox;

    DevOutboxController(DevOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/dev/outbox")
    String page(Model model) {
        model.addAttribute("messages", outbox.newest());
        return "dev/outbox";
    }

    @GetMapping(value = "/dev/outbox/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<DevOutbox.OutboxMessage> messages() {
        return outbox.newest();
    }

    /** An email's HTML, served sandboxed (no scripts, no same-origin access) for the page's preview frame. */
    @GetMapping(value = "/dev/outbox/messages/{id}/html")
    ResponseEntity<String> html(@PathVariable UUID id) {
        String html = outbox.html(id).orElseThrow(() -> new NotFoundException("Message"));
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .header("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
                .body(html);
    }
}
