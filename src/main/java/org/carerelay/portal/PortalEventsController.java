package org.carerelay.portal;

import java.io.IOException;
import java.time.Duration;

import org.carerelay.identity.SignedIn;
import org.carerelay.messaging.InAppMessages;
import org.carerelay.practice.PatientId;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events for an open portal page: a {@code message} event when a new in-app message arrives, so
 * the page shows it without a reload. The event carries nothing but its name; the page fetches the messages
 * card, through the usual (audited) path. The browser reconnects by itself when a stream ends.
 */
@Controller
class PortalEventsController {

    static final Duration STREAM_LIFETIME = Duration.ofMinutes(5);

    private final InAppMessages inAppMessages;
    private final OpenEventStreams open;

    PortalEventsController(InAppMessages inAppMessages, OpenEventStreams open) {
        this.inAppMessages = inAppMessages;
        this.open = open;
    }

    @GetMapping(value = "/portal/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events() {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        AutoCloseable subscription = inAppMessages.subscribe(new PatientId(SignedIn.currentPortalPatient()), () -> {
            try {
                emitter.send(SseEmitter.event().name("message").data("new"));
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e); // the page went away; the callbacks below unsubscribe
            }
        });
        open.add(emitter);
        Runnable unsubscribe = () -> {
            open.remove(emitter);
            try {
                subscription.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(unsubscribe);
        emitter.onError(error -> unsubscribe.run());
        return emitter;
    }
}
