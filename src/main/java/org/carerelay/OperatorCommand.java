package org.carerelay;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An operator command given on the command line ({@code java -jar carerelay.jar audit verify},
 * {@code practice create}, {@code keys rotate}, {@code triage evaluate <file>}, {@code triage cross-validate}). It
 * starts the application without the web server and without demo seeding; the module that owns the command runs it
 * when it sees {@code carerelay.command} and reports its outcome as the exit code.
 *
 * @param arguments the options, passed on to the application
 * @param operands  the words after the command's name ({@code <file>}), passed on as non-option arguments
 */
record OperatorCommand(String name, List<String> arguments, List<String> operands) {

    /** Each command with the operands it takes. */
    private static final Map<String, List<String>> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("audit verify", List.of());
        KNOWN.put("practice create", List.of());
        KNOWN.put("keys rotate", List.of());
        KNOWN.put("triage evaluate", List.of("<file.jsonl>"));
        KNOWN.put("triage cross-validate", List.of());
    }

    /**
     * The command in {@code args} (the first two words that are not options, then its operands), or null when the
     * arguments ask for the server. Options ({@code --server.port=…}) pass through to the application either way.
     */
    static OperatorCommand parse(String[] args) {
        List<String> words = Arrays.stream(args).filter(arg -> !arg.startsWith("-")).toList();
        if (words.isEmpty()) {
            return null;
        }
        String name = String.join(" ", words.subList(0, Math.min(2, words.size())));
        List<String> operands = KNOWN.get(name);
        if (operands == null || words.size() > 2 + operands.size()) {
            throw new IllegalArgumentException("Unknown command '" + String.join(" ", words) + "'. Commands: "
                    + usage());
        }
        if (words.size() < 2 + operands.size()) {
            throw new IllegalArgumentException("Usage: " + name + " " + String.join(" ", operands));
        }
        return new OperatorCommand(name, Arrays.stream(args).filter(arg -> arg.startsWith("-")).toList(),
                words.subList(2, words.size()));
    }

    private static List<String> usage() {
        return KNOWN.entrySet().stream()
                .map(command -> (command.getKey() + " " + String.join(" ", command.getValue())).strip())
                .toList();
    }

    int run(Class<?> application) {
        // As command-line arguments, these outrank application.yml (default properties would not).
        List<String> args = new java.util.ArrayList<>(List.of("--carerelay.command=" + name.replace(' ', '-'),
                "--carerelay.demo.enabled=false",
                "--carerelay.messaging.dispatch.enabled=false",
                "--carerelay.triage.warm-up=false",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        args.addAll(arguments);
        args.addAll(operands);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(args.toArray(String[]::new));
        return SpringApplication.exit(context);
    }
}
