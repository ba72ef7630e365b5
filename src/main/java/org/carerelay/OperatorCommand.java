package org.carerelay;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An operator command given on the command line ({@code java -jar carerelay.jar audit verify},
 * {@code practice create}). It starts the
 * application without the web server and without demo seeding; the module that owns the command runs it
 * when it sees {@code carerelay.command} and reports its outcome as the exit code.
 */
record OperatorCommand(String name, List<String> arguments) {

    private static final List<String> KNOWN = List.of("audit verify", "practice create");

    /** The command in {@code args}, or null when the arguments ask for the server. */
    static OperatorCommand parse(String[] args) {
        if (args.length < 2 || args[0].startsWith("-")) {
            return null;
        }
        String name = args[0] + " " + args[1];
        if (!KNOWN.contains(name)) {
            System.err.println("Unknown command '" + name + "'. Commands: " + KNOWN);
            System.exit(2);
        }
        return new OperatorCommand(name, Arrays.asList(args).subList(2, args.length));
    }

    int run(Class<?> application) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties("carerelay.command=" + name.replace(' ', '-'),
                        "carerelay.demo.enabled=false",
                        "spring.main.banner-mode=off",
                        "logging.level.root=WARN")
                .run(arguments.toArray(String[]::new));
        return SpringApplication.exit(context);
    }
}
