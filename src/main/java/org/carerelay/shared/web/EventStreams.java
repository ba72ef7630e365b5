package org.carerelay.shared.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events for open pages (a portal page, a staff inbox): each change a page subscribed to becomes an
 * event that carries nothing but its name, and the page fetches what changed through the usual, audited path. A
 * stream lasts a few minutes; the browser reconnects by itself. At shutdown the streams end first, so that the
 * web server's graceful shutdown does not wait out their lifetime (the browsers reconnect, to another node).
 */
@Component
public class EventStreams implements SmartLifecycle {

    static final Duration STREAM_LIFETIME = Duration.ofMinutes(5);

    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /**
     * A stream that sends event {@code name} each time the subscription calls back.
     *
     * @param subscribe subscribes the given callback and returns the handle that ends the subscription
     */
    public SseEmitter open(String name, Function<Runnable, AutoCloseable> subscribe) {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        AutoCloseable subscription = subscribe.apply(() -> {
            try {
                emitter.send(SseEmitter.event().name(name).data("changed"));
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

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        open.forEach(SseEmitter::complete);
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server's graceful shutdown, which waits for open requests. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
