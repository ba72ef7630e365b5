package org.carerelay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.carerelay.CareRelayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The whole server as the benchmarks run it: local mode on a fresh data directory under {@code target/bench-<name>},
 * no demo practice, a random port, warnings only; {@code settings} add to or override these.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static ConfigurableApplicationContext start(String name, String... settings) throws IOException {
        Path data = Path.of("target/bench-" + name);
        FileSystemUtils.deleteRecursively(data);
        Files.createDirectories(data);
        List<String> args = new ArrayList<>(List.of("--carerelay.db.local-data-directory=" + data.resolve("pg"),
                "--carerelay.data-directory=" + data, "--carerelay.demo.enabled=false", "--server.port=0",
                "--logging.level.root=WARN"));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(CareRelayApplication.class).run(args.toArray(String[]::new));
    }
}
