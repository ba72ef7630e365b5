package org.carerelay;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a class's main method in a separate JVM on the test class path: a process that can really be killed. */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static Process start(Class<?> main, Map<String, String> environment, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(new File(System.getProperty("user.dir")));
        builder.environment().putAll(environment);
        return builder.start();
    }
}
