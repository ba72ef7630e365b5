package org.carerelay.messaging.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.carerelay.messaging.Channel;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.springframework.stereotype.Component;

/**
 * Picks the adapter for a delivery: the provider the practice's settings (or their fallback) name, with a circuit
 * breaker per provider, channel and practice. When the primary fails transiently, or its breaker is open, the secondary
 * provider (if the practice has one) takes the message at once; the breaker keeps later messages off a provider
 * that is down until it has had time to recover.
 */
@Component
class Senders {

    /** Opens at half the calls failing among the last 20 (at least 10), for 30 s, then lets 3 calls probe. */
    static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.custom()
            .failureRateThreshold(50)
            .slidingWindowSize(20)
            .minimumNumberOfCalls(10)
            .waitDurationInOpenState(Duration.ofSeconds(30))
            .permittedNumberOfCallsInHalfOpenState(3)
            .build();

    /** Local stand-ins for a provider, which no provider's rate applies to. */
    private static final java.util.Set<String> UNLIMITED = java.util.Set.of(InAppSender.PROVIDER, "dev-outbox");

    private final List<ChannelSender> senders;
    private final Settings settings;
    private final SenderRateLimits rateLimits;
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(BREAKER);

    Senders(List<ChannelSender> senders, Settings settings, SenderRateLimits rateLimits) {
        this.senders = senders;
        this.settings = settings;
        this.rateLimits = rateLimits;
    }

    SendOutcome send(OutgoingMessage message) {
        List<String> providers = providers(message);
        SendOutcome outcome = null;
        for (String provider : providers) {
            Optional<ChannelSender> sender = senders.stream()
                    .filter(candidate -> candidate.provider().equals(provider) && candidate.handles(message.channel()))
                    .findFirst();
            if (sender.isEmpty()) {
                outcome = outcome != null ? outcome : new SendOutcome.PermanentFailure(provider, "provider-not-available");
                continue;
            }
            // Per practice too: practices may have accounts of their own, and one suspended account is not an outage.
            CircuitBreaker breaker = breakers.circuitBreaker(provider + ":" + message.channel().name() + ":"
                    + message.practice());
            if (!breaker.tryAcquirePermission()) {
                outcome = outcome != null ? outcome : new SendOutcome.TransientFailure(provider, "circuit-open");
                continue;
            }
            long started = System.nanoTime();
            SendOutcome result;
            try {
                Optional<java.time.Duration> wait = UNLIMITED.contains(provider) ? Optional.empty()
                        : rateLimit(message, provider);
                if (wait.isPresent()) {
                    breaker.releasePermission();
                    return new SendOutcome.Deferred(provider, wait.get());
                }
                result = sender.get().send(message);
            } catch (RuntimeException e) {
                // A permit taken must be given back, or a half-open breaker would never close again.
                breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
                throw e;
            }
            long elapsed = System.nanoTime() - started;
            if (result instanceof SendOutcome.TransientFailure) {
                breaker.onError(elapsed, TimeUnit.NANOSECONDS, new ProviderUnavailable());
                outcome = outcome != null ? outcome : result;
                continue;
            }
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            // The secondary's refusal does not make a primary's passing trouble final: retry the primary later.
            return result instanceof SendOutcome.PermanentFailure && outcome instanceof SendOutcome.TransientFailure
                    ? outcome : result;
        }
        return outcome;
    }

    /** The sender's token bucket: its SMS number or email address at this provider. */
    private Optional<java.time.Duration> rateLimit(OutgoingMessage message, String provider) {
        return message.channel() == Channel.SMS
                ? rateLimits.take(provider + ":" + settings.get(message.practice(), Setting.SMS_ORIGINATION_NUMBER),
                        settings.get(message.practice(), Setting.SMS_RATE_PER_SECOND))
                : rateLimits.take(provider + ":" + settings.get(message.practice(), Setting.EMAIL_SENDER_ADDRESS),
                        settings.get(message.practice(), Setting.EMAIL_RATE_PER_SECOND));
    }

    /** The primary provider, then the secondary when the practice has one. */
    private List<String> providers(OutgoingMessage message) {
        List<String> providers = new ArrayList<>();
        switch (message.channel()) {
            case EMAIL -> {
                providers.add(settings.get(message.practice(), Setting.EMAIL_PROVIDER));
                settings.find(message.practice(), Setting.EMAIL_SECONDARY_PROVIDER).ifPresent(providers::add);
            }
            case SMS -> {
                providers.add(settings.get(message.practice(), Setting.SMS_PROVIDER));
                settings.find(message.practice(), Setting.SMS_SECONDARY_PROVIDER).ifPresent(providers::add);
            }
            default -> providers.add(InAppSender.PROVIDER);
        }
        return providers.stream().distinct().toList();
    }

    /** What a transient failure counts as for the breaker. */
    private static final class ProviderUnavailable extends RuntimeException {
        ProviderUnavailable() {
            super(null, null, false, false);
        }
    }
}
