package org.carerelay.documents;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The document store the deployment chose: {@code carerelay.documents.store} {@code local} (a directory under the
 * data directory, the default) or {@code s3} (a bucket, credentials from the default AWS chain).
 */
@Configuration
class DocumentStoreConfiguration {

    @Bean
    DocumentStore documentStore(@Value("${carerelay.documents.store:local}") String store,
            @Value("${carerelay.documents.directory}") String directory,
            @Value("${carerelay.documents.s3-bucket:}") String bucket,
            @Value("${carerelay.aws.region:us-east-1}") String region,
            @Value("${carerelay.aws.endpoint:}") String endpoint) {
        return switch (store) {
            case "local" -> new LocalDocumentStore(Path.of(directory));
            case "s3" -> {
                if (bucket.isBlank()) {
                    throw new IllegalStateException("carerelay.documents.store is s3 but no bucket is set "
                            + "(CARERELAY_DOCUMENTS_S3_BUCKET)");
                }
                S3ClientBuilder builder = S3Client.builder().region(Region.of(region))
                        .credentialsProvider(DefaultCredentialsProvider.builder().build());
                if (!endpoint.isBlank()) {
                    builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
                }
                yield new S3DocumentStore(builder.build(), bucket);
            }
            default -> throw new IllegalStateException("carerelay.documents.store must be local or s3, not "
                    + store);
        };
    }
}
