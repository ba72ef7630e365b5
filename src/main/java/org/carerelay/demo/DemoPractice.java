package org.carerelay.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.carerelay.database.ConditionalOnLocalMode;
import org.carerelay.identity.ApiTokens;
import org.carerelay.identity.StaffCredentials;
import org.carerelay.practice.Practice;
import org.carerelay.practice.Practices;
import org.carerelay.practice.StaffRole;
import org.carerelay.practice.StaffUser;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.PageRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In local mode: seeds the demo practice into an empty database, makes sure the demo Clinic Admin has an API
 * token, and once the server is ready prints where to look and how to sign in.
 */
@Component
@ConditionalOnLocalMode
@ConditionalOnProperty(name = "carerelay.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoPractice implements ApplicationRunner {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DemoPractice.class);
    private static final String TOKEN_NAME = "Demo Clinic Admin";

    private final Practices practices;
    private final DemoSeeder seeder;
    private final ApiTokens tokens;
    private final DemoProperties properties;
    private final Path dataDirectory;
    private final String publicBaseUrl;
    private final StaffUsers staff;
    private final StaffCredentials credentials;
    private String adminToken;
    private String staffPassword;
    private Practice practice;

    DemoPractice(Practices practices, DemoSeeder seeder, ApiTokens tokens, StaffUsers staff,
            StaffCredentials credentials, DemoProperties properties,
            @Value("${carerelay.data-directory}") Path dataDirectory,
            @Value("${carerelay.public-base-url}") String publicBaseUrl) {
        this.practices = practices;
        this.seeder = seeder;
        this.tokens = tokens;
        this.staff = staff;
        this.credentials = credentials;
        this.properties = properties;
        this.dataDirectory = dataDirectory;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    public void run(ApplicationArguments args) {
        practice = practices.first().orElseGet(() -> {
            long started = System.nanoTime();
            Practice seeded = seeder.seed();
            log.info("Seeded the demo practice in {} ms", (System.nanoTime() - started) / 1_000_000);
            return seeded;
        });
        staffPassword = storedOrNew(DemoProperties.staffPasswordFile(dataDirectory), "demo-", 12, false);
        for (StaffUser member : staff.list(practice.id(), new PageRequest(0, PageRequest.MAX_SIZE)).items()) {
            credentials.ensurePassword(practice.id(), member.id().value(), staffPassword, DemoSeeder.ACTOR);
        }
        adminToken = properties.hasAdminToken() ? properties.adminToken() : storedOrNewToken(false);
        if (!tokens.ensure(practice.id(), TOKEN_NAME, StaffRole.CLINIC_ADMIN, adminToken, DemoSeeder.ACTOR)) {
            if (properties.hasAdminToken()) {
                log.warn("CARERELAY_DEMO_ADMIN_TOKEN has been revoked and stays revoked; choose another value");
                adminToken = null;
                return;
            }
            adminToken = storedOrNewToken(true); // the kept token was revoked through the API: make a new one
            tokens.ensure(practice.id(), TOKEN_NAME, StaffRole.CLINIC_ADMIN, adminToken, DemoSeeder.ACTOR);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void printWelcome() {
        if (practice == null) {
            return;
        }
        String url = publicBaseUrl.replaceAll("/$", "");
        String token = adminToken != null ? adminToken : "(revoked: set CARERELAY_DEMO_ADMIN_TOKEN to a new value)";
        System.out.println("""

                ──────────────────────────────────────────────────────────────────────────────
                 CareRelay is running in local mode (embedded PostgreSQL, data in %s)
                 Demo practice:  %s

                 API docs:       %s/swagger-ui.html
                 Health:         %s/actuator/health
                 Clinic Admin API token (demo):
                   %s
                 Try it:
                   curl -H 'Authorization: Bearer %s' '%s/api/v1/patients?size=5'

                 Staff console:  %s/console/sign-in   (password for every demo staff member below:
                                 %s  , kept in %s)
                   superadmin@%s  clinicadmin@%s  doctor@%s
                   clinicalstaff@%s  frontdesk@%s  billing@%s  readonly@%s
                 Patient portal: %s/portal/sign-in   (sign-in links and codes land in the dev outbox:
                                 %s/dev/outbox)
                ──────────────────────────────────────────────────────────────────────────────
                """.formatted(dataDirectory.toAbsolutePath().normalize(), practice.name(), url, url, token,
                token, url, url, staffPassword,
                DemoProperties.staffPasswordFile(dataDirectory).toAbsolutePath().normalize(), DemoSeeder.DOMAIN,
                DemoSeeder.DOMAIN, DemoSeeder.DOMAIN, DemoSeeder.DOMAIN, DemoSeeder.DOMAIN, DemoSeeder.DOMAIN,
                DemoSeeder.DOMAIN, url, url));
    }

    /**
     * A random token kept in the (git-ignored) data directory, readable by its owner only, so that every start
     * prints the same one; a new one when {@code renew} or when there is none yet.
     */
    private String storedOrNewToken(boolean renew) {
        return storedOrNew(DemoProperties.tokenFile(dataDirectory), "crt_demo_", 32, renew);
    }

    /**
     * {@code bytes} random bytes after {@code prefix}, kept in the (git-ignored) data directory, readable by its
     * owner only, so that every start prints the same; new when {@code renew} or when there is none yet.
     */
    private String storedOrNew(Path file, String prefix, int bytes, boolean renew) {
        try {
            if (Files.exists(file) && !renew) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] secret = new byte[bytes];
            new SecureRandom().nextBytes(secret);
            String token = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Files.createDirectories(dataDirectory);
            Files.deleteIfExists(file);
            Files.createFile(file, ownerOnly());
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the demo admin token in " + file, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
}
