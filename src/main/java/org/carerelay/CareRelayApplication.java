package org.carerelay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * CareRelay: one server for every message between a medical practice and its patients.
 *
 * <p>Besides the server, the jar runs operator commands, e.g. {@code java -jar carerelay.jar audit verify}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CareRelayApplication {

    public static void main(String[] args) {
        OperatorCommand command;
        try {
            command = OperatorCommand.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (command != null) {
            System.exit(command.run(CareRelayApplication.class));
        }
        SpringApplication.run(CareRelayApplication.class, args);
    }
}
