package org.carerelay.messaging.aws;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;

/**
 * How CareRelay builds its AWS SDK clients: the configured region, credentials from the default provider chain
 * only (never keys in settings), an optional endpoint override (LocalStack, tests), and no SDK retries: the
 * dispatch worker retries with its own backoff, and the SDK's would only hold a worker.
 */
@Component
public class AwsClients {

    private final String region;
    private final String endpoint;

    AwsClients(@Value("${carerelay.aws.region:us-east-1}") String region,
            @Value("${carerelay.aws.endpoint:}") String endpoint) {
        this.region = region;
        this.endpoint = endpoint;
    }

    public <B extends AwsClientBuilder<B, C>, C> C build(B builder) {
        builder.region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
