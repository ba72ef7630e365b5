package org.carerelay;

import java.util.UUID;

import org.carerelay.identity.WebClient;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.Practices;
import org.carerelay.shared.PracticeId;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

/** A synthetic patient with a verified e-mail address, and a browser signed in to the portal as them. */
public record PortalPatient(Patient patient, String email, WebClient browser) {

    public static PortalPatient signIn(MockMvc mvc, ApplicationContext context, PracticeId practice,
            String language) throws Exception {
        String email = "ana." + UUID.randomUUID() + "@example.test";
        Patient patient = TestPatients.register(context, practice, language, PreferredChannel.EMAIL,
                TestPatients.email(email));
        return new PortalPatient(patient, email, WebClient.signedInPatient(mvc, context,
                context.getBean(Practices.class).get(practice).slug(), email));
    }
}
