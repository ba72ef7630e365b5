package org.carerelay;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole application against its own embedded PostgreSQL (a fresh cluster under target/ per Spring
 * context), without the demo practice: each test registers the practices it needs with {@link TestPractices},
 * so tests are isolated by tenant, as real practices are. The dispatch workers do not run on their own: tests
 * call {@code DispatchWorker.dispatchDue()} when they want deliveries sent. There are no quiet hours unless a test
 * stores its practice's own, so that what a test sends is due now at any hour of the run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "carerelay.db.local-data-directory=target/test-pg/${random.uuid}",
        "carerelay.data-directory=target/test-data",
        "carerelay.demo.enabled=false",
        "carerelay.messaging.dispatch.enabled=false",
        // Triage trains its model when a test first needs it, not in the background of every context.
        "carerelay.triage.warm-up=false",
        // No quiet hours unless a test sets its own: texts are due now whatever the time of the run.
        "carerelay.settings.fallback.quiet-hours-start=00:00",
        "carerelay.settings.fallback.quiet-hours-end=00:00",
        "carerelay.email.inbound-token=" + IntegrationTest.INBOUND_EMAIL_TOKEN})
@AutoConfigureMockMvc
public @interface IntegrationTest {

    /** What a mail relay presents when it posts raw MIME to /webhooks/email/inbound in tests. */
    String INBOUND_EMAIL_TOKEN = "test-inbound-email-token";
}
