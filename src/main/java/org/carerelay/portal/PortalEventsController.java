package org.carerelay.portal;

import org.carerelay.identity.SignedIn;
import org.carerelay.messaging.InAppMessages;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.web.EventStreams;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events for an open portal page: a {@code message} event when a new in-app message arrives, so
 * the page shows it without a reload (it fetches the messages card through the usual, audited path).
 */
@Controller
class PortalEventsController {

    private final InAppMessages inAppMessages;
    private final EventStreams streams;

    PortalEventsController(InAppMessages inAppMessages, EventStreams streams) {
        this.inAppMessages = inAppMessages;
        this.streams = streams;
    }

    @GetMapping(value = "/portal/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events() {
        PatientId patient = new PatientId(SignedIn.currentPortalPatient());
        return streams.open("message", onMessage -> inAppMessages.subscribe(patient, onMessage));
    }
}
