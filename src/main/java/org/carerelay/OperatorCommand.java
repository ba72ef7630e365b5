package org.carerelay;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An operator command given on the command line ({@code java -jar carerelay.jar audit verify},
 * {@code practice create}, {@code keys rotate}). It starts the
 * application without the web server and without demo seeding; the module that owns the command runs it
 * when it sees {@code carerelay.command} and reports its outcome as the exit code.
 */
record OperatorCommand(String name, List<String> arguments) {

    private static final List<String> KNOWN = List.of("audit verify", "practice create", "keys rotate");

    /**
     * The command in {@code args} (the first two words that are not options), or null when the arguments ask for
     * the server. Options ({@code --server.port=…}) pass through to the application either way.
     */
    static OperatorCommand parse(String[] args) {
        List<String> words = Arrays.stream(args).filter(arg -> !arg.startsWith("-")).toList();
        if (words.isEmpty()) {
            return null;
        }
        String name = String.join(" ", words.subList(0, Math.min(2, words.size())));
        if (!KNOWN.contains(name) || words.size() > 2) {
            throw new IllegalArgumentException("Unknown command '" + String.join(" ", words) + "'. Commands: "
                    + KNOWN);
        }
        return new OperatorCommand(name, Arrays.stream(args).filter(arg -> arg.startsWith("-")).toList());
    }

    int run(Class<?> application) {
        // As command-line arguments, these outrank application.yml (default properties would not).
        List<String> args = new java.util.ArrayList<>(List.of("--carerelay.command=" + name.replace(' ', '-'),
                "--carerelay.demo.enabled=false",
                "--carerelay.messaging.dispatch.enabled=false",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        args.addAll(arguments);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(args.toArray(String[]::new));
        return SpringApplication.exit(context);
    }
}
