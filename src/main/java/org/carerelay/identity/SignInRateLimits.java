package org.carerelay.identity;

import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.springframework.stereotype.Component;

/**
 * How often sign-in links and password resets may be asked for: per address or number typed (so nobody floods a
 * patient's inbox) and per client address (so nobody walks the address book). Buckets live in PostgreSQL, shared
 * by every node; keys are hashes, never the address itself.
 */
@Component
class SignInRateLimits {

    static final int PER_CONTACT = 5;
    static final int PER_CLIENT = 30;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final ProxyManager<String> buckets;

    SignInRateLimits(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("sign_in_rate_bucket")
                .build();
    }

    /** Takes one request for both keys; empty when allowed, else how long until the next is. */
    Optional<Duration> take(String contactKey, String clientAddress) {
        Optional<Duration> contact = take("contact:" + Secrets.sha256(contactKey), PER_CONTACT);
        Optional<Duration> client = take("client:" + Secrets.sha256(clientAddress), PER_CLIENT);
        return contact.isPresent() ? contact : client;
    }

    private Optional<Duration> take(String key, int perWindow) {
        BucketConfiguration limit = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(perWindow).refillGreedy(perWindow, WINDOW))
                .build();
        ConsumptionProbe probe = buckets.builder().build(key, () -> limit).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
