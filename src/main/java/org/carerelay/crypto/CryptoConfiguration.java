package org.carerelay.crypto;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Chooses where the PHI keyset is kept. With {@code CARERELAY_KMS_KEY_ARN}: in the database, wrapped by that key.
 * Without: in the local key file, which suits local mode and also an on-prem installation with its own database;
 * there a warning reminds the operator that the file must be backed up and be the same on every node.
 */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

    @Bean
    KeysetSource phiKeysetSource(CryptoProperties properties, JdbcClient jdbc,
            @Value("${carerelay.db.url:}") String databaseUrl,
            @Value("${carerelay.aws.region:us-east-1}") String region,
            @Value("${carerelay.aws.endpoint:}") String endpoint) {
        LocalKeysetFile file = new LocalKeysetFile(properties.keysetFile());
        if (properties.usesKms()) {
            String arn = properties.kmsKeyArn().trim();
            return new KmsWrappedKeysets(jdbc, new KmsAead(kmsClient(arn, region, endpoint), arn), file);
        }
        KmsWrappedKeysets.newest(jdbc).ifPresent(stored -> {
            throw new IllegalStateException("This database keeps its PHI keyset wrapped by AWS KMS key "
                    + stored.kmsKeyArn() + ": set CARERELAY_KMS_KEY_ARN. A local key file would seal what the "
                    + "other nodes cannot open.");
        });
        if (!databaseUrl.isBlank()) {
            log.warn("PHI is sealed with the local key file {} while the database is external: back the file up "
                    + "with the database and give every node the same file, or set CARERELAY_KMS_KEY_ARN",
                    file.path());
        }
        return file;
    }

    @Bean
    PhiCipher phiCipher(KeysetSource phiKeysetSource) {
        return new PhiCipher(phiKeysetSource);
    }

    /**
     * Built here rather than with messaging's AWS clients: messaging comes to depend on this module, not the other
     * way round. The region is the key's own when the key is named by ARN. SDK retries stay on: KMS is called at
     * start and on rotation, where a retry costs nothing.
     */
    private static KmsClient kmsClient(String keyArn, String configuredRegion, String endpoint) {
        KmsClientBuilder builder = KmsClient.builder()
                .region(Region.of(regionOf(keyArn, configuredRegion)))
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /** {@code arn:aws:kms:REGION:ACCOUNT:key/ID}; a key id or alias name has none, then the configured region. */
    static String regionOf(String keyArn, String configuredRegion) {
        String[] parts = keyArn.split(":");
        return parts.length >= 6 && parts[0].equals("arn") && !parts[3].isBlank() ? parts[3] : configuredRegion;
    }
}
