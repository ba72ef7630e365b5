package org.carerelay.messaging.email;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Fetches SNS signing certificates over HTTPS (only from URLs {@link SnsMessageVerifier} accepted), checks that
 * they are valid now and keeps them: SNS signs every message of a topic with the same certificate.
 */
@Component
class HttpsSnsSigningKeys implements SnsSigningKeys {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<URI, X509Certificate> certificates = new ConcurrentHashMap<>();
    private final Clock clock;

    HttpsSnsSigningKeys(Clock clock) {
        this.clock = clock;
    }

    @Override
    public PublicKey forCertificate(URI url) {
        X509Certificate certificate = certificates.computeIfAbsent(url, this::fetch);
        return validNow(certificate, clock).getPublicKey();
    }

    static X509Certificate validNow(X509Certificate certificate, Clock clock) {
        try {
            certificate.checkValidity(Date.from(clock.instant()));
            return certificate;
        } catch (java.security.cert.CertificateException e) {
            throw new SecurityException("The SNS signing certificate is not valid now");
        }
    }

    static X509Certificate parse(byte[] pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
        } catch (java.security.cert.CertificateException e) {
            throw new SecurityException("The SNS signing certificate cannot be read");
        }
    }

    private X509Certificate fetch(URI url) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new SecurityException("The SNS signing certificate could not be fetched");
            }
            return parse(response.body());
        } catch (java.io.IOException e) {
            throw new SecurityException("The SNS signing certificate could not be fetched");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecurityException("Interrupted while fetching the SNS signing certificate");
        }
    }
}
