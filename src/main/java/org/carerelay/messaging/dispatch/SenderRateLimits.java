package org.carerelay.messaging.dispatch;

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
 * Per-sender rate limits, so CareRelay never sends faster than a provider allows from one number or address
 * (a long code 1 text a second, toll-free 3). Token buckets live in PostgreSQL (Bucket4j), so every node draws
 * from the same bucket.
 */
@Component
class SenderRateLimits {

    private final ProxyManager<String> buckets;

    SenderRateLimits(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_bucket")
                .build();
    }

    /** Takes a token for {@code sender}; empty when taken, else how long until one is free. 0 means no limit. */
    Optional<Duration> take(String sender, int perSecond) {
        if (perSecond <= 0) {
            return Optional.empty();
        }
        BucketConfiguration limit = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
        // The rate is part of the bucket's key: a changed rate (up or down) starts a bucket of its own.
        ConsumptionProbe probe = buckets.builder()
                .build(sender + "@" + perSecond, () -> limit)
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
