package org.carerelay;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.ConsentSource;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.NewContactPoint;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PatientDetails;
import org.carerelay.practice.Patients;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.Sex;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.context.ApplicationContext;

/** A synthetic patient in Chicago with the contact points a test needs. */
public final class TestPatients {

    private TestPatients() {
    }

    public static Patient register(ApplicationContext context, PracticeId practice, String language,
            PreferredChannel channel, NewContactPoint... contacts) {
        return context.getBean(Patients.class).register(practice, Actor.system("test"), new PatientDetails("Ana",
                "Lopez", LocalDate.of(1980, 5, 17), "MRN-" + UUID.randomUUID(), Sex.FEMALE, language, channel,
                "America/Chicago", null, null, List.of(contacts)));
    }

    /** A verified phone with the consents given on a written form. */
    public static NewContactPoint phone(String number, Map<ConsentPurpose, Boolean> consents) {
        return new NewContactPoint(ContactSystem.PHONE, number, true, consents, ConsentSource.WRITTEN_FORM);
    }

    /** A verified email address with no consent decision on record. */
    public static NewContactPoint email(String address) {
        return new NewContactPoint(ContactSystem.EMAIL, address, true, Map.of(), ConsentSource.STAFF);
    }
}
