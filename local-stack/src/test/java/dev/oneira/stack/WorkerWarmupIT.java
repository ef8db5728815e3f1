package dev.oneira.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker/warmup.sh, the step that bakes PyTorch's natives into the worker images at build time, run here
 * on the worker's packaged quarkus-app exactly as the Dockerfiles run it (no Docker engine needed): it must
 * dream once and leave the natives in DJL_CACHE_DIR.
 */
class WorkerWarmupIT {

    static final Path ROOT = Path.of(System.getProperty("oneira.root", "..")).toAbsolutePath().normalize();

    @Test
    void warmupBakesTheNativesIntoDjlCacheDir() throws Exception {
        Path app = ROOT.resolve("dream-worker/target/quarkus-app");
        assertThat(app.resolve("quarkus-run.jar")).as("the worker is packaged before this module").exists();
        Path cache = Files.createTempDirectory("djl-warmup");
        try {
            ProcessBuilder pb = new ProcessBuilder("sh", ROOT.resolve("docker/warmup.sh").toString(), app.toString(),
                    ROOT.resolve("samples/chelsea.png").toString()).redirectErrorStream(true);
            pb.environment().put("DJL_CACHE_DIR", cache.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            // the logging manager the command names is on the classpath (lib/boot), not silently replaced
            assertThat(out).doesNotContainIgnoringCase("Could not load Logmanager");
            try (var dirs = Files.list(cache.resolve("pytorch"))) {
                assertThat(dirs.map(d -> d.getFileName().toString()).toList())
                        .anyMatch(d -> d.startsWith("2.7.1-") && d.contains("cpu"));
            }
        } finally {
            try (var walk = Files.walk(cache)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
