package org.carerelay.identity;

import java.io.IOException;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.carerelay.practice.Practice;
import org.carerelay.practice.PracticeDetails;
import org.carerelay.practice.Practices;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.Actor;
import org.carerelay.shared.InvalidFieldException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar carerelay.jar practice create < practice.json}: registers a practice (the JSON of
 * {@code PUT /api/v1/practice}) and prints its id with a first Clinic Admin API token, shown this once. This is
 * how an operator on an external database gets in.
 */
@Component
@ConditionalOnProperty(name = "carerelay.command", havingValue = "practice-create")
class PracticeCreateCommand implements ApplicationRunner, ExitCodeGenerator {

    private static final Actor OPERATOR = Actor.system("operator-cli");

    private final Practices practices;
    private final ApiTokens tokens;
    private final JsonMapper json;
    private final Validator validator;
    private final TransactionTemplate transactions;
    private int exitCode;

    PracticeCreateCommand(Practices practices, ApiTokens tokens, JsonMapper json, Validator validator,
            TransactionTemplate transactions) {
        this.practices = practices;
        this.tokens = tokens;
        this.json = json;
        this.validator = validator;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        try {
            PracticeDetails details = json.readValue(System.in.readAllBytes(), PracticeDetails.class);
            if (details == null) {
                throw new InvalidFieldException("practice", "expected a JSON object");
            }
            Set<ConstraintViolation<PracticeDetails>> violations = validator.validate(details);
            if (!violations.isEmpty()) {
                ConstraintViolation<PracticeDetails> first = violations.iterator().next();
                throw new InvalidFieldException(first.getPropertyPath().toString(), first.getMessage());
            }
            Created created = transactions.execute(status -> {
                Practice practice = practices.register(details, OPERATOR);
                IssuedToken token = tokens.issue(practice.id(), "Initial Clinic Admin", StaffRole.CLINIC_ADMIN,
                        OPERATOR);
                return new Created(practice.id().toString(), token.secret());
            });
            System.out.println(json.writeValueAsString(created));
        } catch (InvalidFieldException e) {
            System.err.println("Invalid practice: " + e.getMessage());
            exitCode = 2;
        } catch (JacksonException e) {
            System.err.println("Invalid practice: expected the JSON of PUT /api/v1/practice on standard input");
            exitCode = 2;
        }
    }

    record Created(String practiceId, String clinicAdminToken) {
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
