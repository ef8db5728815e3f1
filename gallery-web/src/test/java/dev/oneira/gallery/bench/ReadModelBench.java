package dev.oneira.gallery.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import dev.oneira.gallery.db.DreamRows;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.LayerWeight;
import dev.oneira.testing.FreePorts;
import dev.oneira.testing.TestKafka;
import dev.oneira.testing.TestPostgres;
import dev.oneira.testing.TestS3;

/**
 * The gallery's read model at size: fills a PostgreSQL database with N dreams (default 100,000), starts
 * the packaged gallery on it (and once on an empty database), and measures the start (process start to
 * /q/health/ready) and the latency of the home page, API pages (first and deep) and a dream page, each as
 * a ratio to the trivial /q/health/live measured in the same rounds. Prints figures; asserts nothing.
 * Run with bench/gallery_read_model.sh. A benchmark, not a test.
 */
public final class ReadModelBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ReadModelBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path jar = Path.of(args.length > 2 ? args[2] : "gallery-web/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no gallery jar at " + jar + " (build it: bench/gallery_read_model.sh)");
        }
        try (TestKafka kafka = TestKafka.start(); TestS3 s3 = TestS3.start("bench", "bench-secret")) {
            s3.createBucket("oneira");
            TestPostgres.Database empty = TestPostgres.newDatabase("bench_empty");
            TestPostgres.Database full = TestPostgres.newDatabase("bench_full");
            DataSource ds = full.dataSource();
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            long t0 = System.nanoTime();
            List<DreamId> ids = fill(new DreamRows(ds), n);
            System.out.printf(Locale.ROOT, "filled %d dreams in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            try (var c = ds.getConnection(); var st = c.createStatement()) {
                st.execute("VACUUM ANALYZE dream"); // as autovacuum would after a bulk load
            }
            System.out.println();
            System.out.println("| database | gallery start to ready |");
            System.out.println("|---|---|");
            Gallery emptyRun = Gallery.start(jar, empty, kafka, s3);
            System.out.printf(Locale.ROOT, "| empty | %.1f s |%n", emptyRun.startSeconds);
            emptyRun.close();
            try (Gallery g = Gallery.start(jar, full, kafka, s3)) {
                System.out.printf(Locale.ROOT, "| %,d dreams | %.1f s |%n", n, g.startSeconds);
                DreamId deep = ids.get(ids.size() / 10); // 90% of the way down, newest first
                Map<String, String> paths = new LinkedHashMap<>();
                paths.put("/q/health/live (reference)", "/q/health/live");
                paths.put("/ (home page, newest 24)", "/");
                paths.put("/api/dreams (first page)", "/api/dreams");
                paths.put("/api/dreams?cursor= (page at 90% depth)", "/api/dreams?cursor=" + deep);
                paths.put("/?cursor= (home page at 90% depth)", "/?cursor=" + deep);
                paths.put("/api/dreams/{id} (one dream)", "/api/dreams/" + ids.get(ids.size() / 2));
                Map<String, double[]> ms = g.measure(paths, rounds);
                double live = median(ms.get("/q/health/live (reference)"));
                System.out.println();
                System.out.printf(Locale.ROOT, "%d rounds after 50 warm-up rounds; one request of each per round%n", rounds);
                System.out.println("| request | median | p90 | median / live |");
                System.out.println("|---|---|---|---|");
                for (var e : ms.entrySet()) {
                    System.out.printf(Locale.ROOT, "| `%s` | %.2f ms | %.2f ms | %.1f |%n", e.getKey(), median(e.getValue()),
                            percentile(e.getValue(), 0.9), median(e.getValue()) / live);
                }
            }
        }
        System.exit(0); // the test parts' threads
    }

    /** N public DONE dreams (one in 50 hidden), oldest first; answers their ids in that order. */
    static List<DreamId> fill(DreamRows rows, int n) {
        DreamSpec spec = DreamSpec.builder().layers(List.of(LayerWeight.of("mixed3", 1))).octaveFrom(0).octaveTo(0)
                .stepsPerOctave(10).maxSide(1024).build().withSeed(7L);
        Instant start = Instant.now().minus(Duration.ofDays(200));
        List<DreamId> ids = new ArrayList<>(n);
        List<DreamManifest> batch = new ArrayList<>(1000);
        for (int i = 0; i < n; i++) {
            DreamId id = DreamId.next();
            ids.add(id);
            Instant at = start.plusSeconds(i * 60L);
            DreamManifest m = DreamManifest.queued(id, spec, 1024, 683, at,
                    i % 50 == 0 ? Visibility.HIDDEN : Visibility.PUBLIC, "hash")
                    .dreaming(spec, "bench", at.plusSeconds(1)).done(spec, 1024, 683, at.plusSeconds(20), 19_000, "bench");
            batch.add(m);
            if (batch.size() == 1000) {
                rows.insertAll(batch);
                batch.clear();
            }
        }
        rows.insertAll(batch);
        return ids;
    }

    static double median(double[] v) {
        return percentile(v, 0.5);
    }

    static double percentile(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(p * s.length))];
    }

    /** The packaged gallery as a process on a free port. */
    static final class Gallery implements AutoCloseable {
        final Process process;
        final String base;
        final double startSeconds;

        private Gallery(Process process, String base, double startSeconds) {
            this.process = process;
            this.base = base;
            this.startSeconds = startSeconds;
        }

        static Gallery start(Path jar, TestPostgres.Database db, TestKafka kafka, TestS3 s3) throws Exception {
            int port = FreePorts.next();
            ProcessBuilder pb = new ProcessBuilder("java", "-Xmx512m", "-Djava.awt.headless=true",
                    "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port, "-jar", jar.toString());
            pb.environment().put("GALLERY_DB_URL", db.jdbcUrl());
            pb.environment().put("GALLERY_DB_USER", TestPostgres.USER);
            pb.environment().put("GALLERY_DB_PASSWORD", TestPostgres.PASSWORD);
            pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            pb.environment().put("OBJECT_STORE_ENDPOINT", s3.endpoint());
            pb.environment().put("OBJECT_STORE_ACCESS_KEY", "bench");
            pb.environment().put("OBJECT_STORE_SECRET_KEY", "bench-secret");
            pb.redirectErrorStream(true).redirectOutput(Path.of("target", "bench-gallery.log").toFile());
            Files.createDirectories(Path.of("target"));
            long t0 = System.nanoTime();
            Process p = pb.start();
            String base = "http://127.0.0.1:" + port;
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the gallery exited during start; see target/bench-gallery.log");
                }
                if (status(base + "/q/health/ready") == 200) {
                    break;
                }
                if (System.nanoTime() - t0 > Duration.ofMinutes(3).toNanos()) {
                    p.destroyForcibly();
                    throw new IllegalStateException("the gallery was not ready within 3 min; see target/bench-gallery.log");
                }
                Thread.sleep(50);
            }
            return new Gallery(p, base, (System.nanoTime() - t0) / 1e9);
        }

        Map<String, double[]> measure(Map<String, String> paths, int rounds) throws Exception {
            Map<String, double[]> out = new LinkedHashMap<>();
            paths.keySet().forEach(k -> out.put(k, new double[rounds]));
            for (int r = -50; r < rounds; r++) {
                for (var e : paths.entrySet()) {
                    long t0 = System.nanoTime();
                    int code = status(base + e.getValue());
                    double elapsed = (System.nanoTime() - t0) / 1e6;
                    if (code != 200) {
                        throw new IllegalStateException(e.getValue() + " answered " + code);
                    }
                    if (r >= 0) {
                        out.get(e.getKey())[r] = elapsed;
                    }
                }
            }
            return out;
        }

        static int status(String url) {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
