package org.carerelay;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import org.carerelay.identity.ApiTokens;
import org.carerelay.practice.Address;
import org.carerelay.practice.Practice;
import org.carerelay.practice.PracticeDetails;
import org.carerelay.practice.Practices;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.context.ApplicationContext;

/** Registers a fresh, empty practice with one API token per role: the tenant a test works in. */
public final class TestPractices {

    public record TestPractice(PracticeId id, Map<StaffRole, String> tokens) {

        public String token(StaffRole role) {
            return tokens.get(role);
        }

        public String bearer(StaffRole role) {
            return "Bearer " + token(role);
        }

        /** The Clinic Admin's bearer header, the role most tests act as. */
        public String admin() {
            return bearer(StaffRole.CLINIC_ADMIN);
        }
    }

    private TestPractices() {
    }

    /** Stores a runtime setting for the practice, as an administrator would have. */
    public static void store(ApplicationContext context, PracticeId practice, String key, String value) {
        context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("INSERT INTO setting (practice_id, key, value, updated_at, updated_by_type, updated_by_id) "
                        + "VALUES (:p, :key, :value, now(), 'SYSTEM', 'test')")
                .param("p", practice.value()).param("key", key).param("value", value).update();
    }

    public static TestPractice register(ApplicationContext context) {
        Actor actor = Actor.system("test");
        Practice practice = context.getBean(Practices.class).register(new PracticeDetails("Test Practice " + UUID.randomUUID(),
                "Test Practice", new Address("1 Test Street", null, "Springfield", "IL", "62701", "US"), "en"), actor);
        Map<StaffRole, String> tokens = new EnumMap<>(StaffRole.class);
        for (StaffRole role : StaffRole.values()) {
            String secret = "crt_test_" + UUID.randomUUID();
            context.getBean(ApiTokens.class).ensure(practice.id(), role.name(), role, secret, actor);
            tokens.put(role, secret);
        }
        return new TestPractice(practice.id(), tokens);
    }
}
