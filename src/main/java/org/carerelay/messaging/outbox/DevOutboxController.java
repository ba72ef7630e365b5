package org.carerelay.messaging.outbox;

import java.util.List;
import java.util.UUID;

import org.carerelay.database.ConditionalOnLocalMode;
import org.carerelay.shared.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /dev/outbox}: every message local mode would have sent, as the patient would see it. Local mode only. */
@Controller
@ConditionalOnLocalMode
class DevOutboxController {

    private final DevOutbox outbox;

    DevOutboxController(DevOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/dev/outbox")
    String page(@RequestParam(defaultValue = "0") int page, Model model) {
        int shown = Math.max(0, page);
        List<DevOutbox.OutboxMessage> found = outbox.page(shown);
        model.addAttribute("messages", found.subList(0, Math.min(DevOutbox.SHOWN, found.size())));
        model.addAttribute("page", shown);
        model.addAttribute("more", found.size() > DevOutbox.SHOWN);
        return "dev/outbox";
    }

    /** A page of 200, newest first; a {@code Link} header names the next page while there is one. */
    @GetMapping(value = "/dev/outbox/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<DevOutbox.OutboxMessage>> messages(@RequestParam(defaultValue = "0") int page) {
        int shown = Math.max(0, page);
        List<DevOutbox.OutboxMessage> found = outbox.page(shown);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (found.size() > DevOutbox.SHOWN) {
            response.header(HttpHeaders.LINK, "</dev/outbox/messages?page=" + (shown + 1) + ">; rel=\"next\"");
        }
        return response.body(found.subList(0, Math.min(DevOutbox.SHOWN, found.size())));
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
