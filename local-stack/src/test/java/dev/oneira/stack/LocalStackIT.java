package dev.oneira.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.store.ObjectKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack end to end, as a person runs it: {@code ./oneira up}, a photo through the gallery's
 * HTTP API, the dream done, {@code ./oneira down}, {@code ./oneira up} again, and the dream is still
 * there (its row in PostgreSQL survived too), and {@code ./oneira reindex} rebuilds the database from the
 * manifests. Runs the packaged worker and gallery (built earlier in the same reactor), a real Kafka
 * broker, S3Proxy and PostgreSQL, all as processes, with its own data folder (target/stack-it) and ports
 * 18180-18181, 19100, 19192-19193 and 19433 so it never meets a stack someone runs by hand.
 */
class LocalStackIT {

    static final Path ROOT = Path.of(System.getProperty("oneira.root", "..")).toAbsolutePath().normalize();
    static final Path DATA = Path.of(System.getProperty("stack.data", "target/stack-it")).toAbsolutePath().normalize();
    static final int KAFKA = 19192;
    static final int S3 = 19100;
    static final int GALLERY = 18180;
    static final int WORKER = 18181;
    static final int POSTGRES = 19433;
    static final String[] PORTS = {"--kafka-port", "" + KAFKA, "--s3-port", "" + S3, "--gallery-port", "" + GALLERY,
        "--worker-port", "" + WORKER, "--postgres-port", "" + POSTGRES};

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int rc, String output) {
    }

    @BeforeAll
    static void freshData() throws IOException {
        oneira(Duration.ofMinutes(2), "down"); // a stack left over from an aborted run
        deleteTree(DATA);
        Files.createDirectories(DATA);
    }

    @AfterAll
    static void stopAll() {
        Run down = oneira(Duration.ofMinutes(2), "down");
        if (down.rc() != 0) {
            System.err.println(down.output());
        }
    }

    @Test
    void dreamSurvivesARestart() throws Exception {
        up();

        byte[] photo = Files.readAllBytes(ROOT.resolve("samples/chelsea.png")); // a real photo, as a user sends
        String id = submit(photo);
        DreamStatus status = awaitDone(id, Duration.ofSeconds(120));
        assertThat(status).isEqualTo(DreamStatus.DONE);
        byte[] dream = fetchDream(id);
        assertThat(dream).as("the dream is a PNG").startsWith(0x89, 'P', 'N', 'G');
        assertThat(DATA.resolve("s3/oneira/" + ObjectKeys.dream(id))).as("the result is under the data folder")
                .exists();

        Run status1 = oneira(Duration.ofSeconds(30), "status");
        assertThat(status1.rc()).as(status1.output()).isZero();
        assertThat(status1.output()).contains("worker-1", "gallery", "kafka", "s3proxy", "postgres", "ready");
        assertThat(DATA.resolve("postgres/PG_VERSION")).as("the database is under the data folder").exists();

        // S3Proxy answers only signed calls: no anonymous listing of the bucket, no anonymous reads.
        for (String path : List.of("/", "/oneira", "/oneira/?list-type=2&prefix=manifests/",
                "/oneira/" + ObjectKeys.manifest(DreamId.parse(id)), "/oneira/" + ObjectKeys.dream(DreamId.parse(id)))) {
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + S3 + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("unsigned GET %s: %s", path, anonymous.body()).isEqualTo(403);
            assertThat(anonymous.body()).doesNotContain(id);
        }

        // A second stack on the same ports: refused before anything starts, naming the port and the option.
        Run clash = oneira(Duration.ofSeconds(60), DATA.resolveSibling("stack-it-clash"), up("--no-build", "--detach"));
        assertThat(clash.rc()).as(clash.output()).isEqualTo(3);
        assertThat(clash.output()).contains("port " + KAFKA, "already in use", "--kafka-port");

        Run down = oneira(Duration.ofMinutes(2), "down");
        assertThat(down.rc()).as(down.output()).isZero();
        assertThat(ourProcesses()).as("processes left after down").isEmpty();
        assertThat(oneira(Duration.ofSeconds(30), "status").rc()).isEqualTo(3);

        up();
        assertThat(awaitDone(id, Duration.ofSeconds(60))).isEqualTo(DreamStatus.DONE);
        assertThat(fetchDream(id)).as("the same dream after the restart").isEqualTo(dream);

        // The database rebuilt from the manifests (idempotency: ReindexTest), with progress, the dream still listed.
        Run reindex = oneira(Duration.ofMinutes(3), "reindex");
        assertThat(reindex.rc()).as(reindex.output()).isZero();
        assertThat(reindex.output()).contains("reindex: reading the manifests", "reindex: done: 1 manifests");
        assertThat(awaitDone(id, Duration.ofSeconds(10))).isEqualTo(DreamStatus.DONE);
    }

    // ---------------------------------------------------------------- the stack

    static void up() {
        Run up = oneira(Duration.ofMinutes(4), up("--no-build", "--detach"));
        if (up.rc() != 0) {
            fail("./oneira up failed (rc " + up.rc() + "):\n" + up.output() + logs());
        }
        assertThat(up.output()).contains("Oneira is up", "http://127.0.0.1:" + GALLERY + "/");
    }

    static String[] up(String... extra) {
        List<String> args = new ArrayList<>(List.of("up"));
        args.addAll(List.of(PORTS));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    static Run oneira(Duration timeout, String... args) {
        return oneira(timeout, DATA, args);
    }

    static Run oneira(Duration timeout, Path data, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("oneira").toString()));
        cmd.addAll(List.of(args));
        try {
            Files.createDirectories(data);
            Path out = Files.createTempFile("oneira-", ".out");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().put("ONEIRA_DATA", data.toString());
            // The broker's and S3Proxy's jars outlive the data folder, which each run starts afresh.
            pb.environment().put("ONEIRA_LIB", DATA.resolveSibling("stack-lib").toString());
            // Quick stops; small heaps (2 cores, several JVMs).
            pb.environment().put("DREAM_SHUTDOWN_GRACE", "5s");
            pb.environment().putIfAbsent("ONEIRA_WORKER_JAVA_OPTS", "-Xmx1g");
            Process p = pb.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                p.waitFor(20, TimeUnit.SECONDS);
                fail("./oneira " + String.join(" ", args) + " did not finish within " + timeout + ":\n"
                        + Files.readString(out) + logs());
            }
            String output = Files.readString(out);
            Files.deleteIfExists(out);
            System.out.printf("$ ./oneira %s -> %d%n%s%n", String.join(" ", args), p.exitValue(), output);
            return new Run(p.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Processes started by the stack in DATA (they carry -Doneira.stack=DATA; PostgreSQL --oneira.stack=DATA). */
    static List<String> ourProcesses() {
        List<String> markers = List.of("-Doneira.stack=" + DATA, "--oneira.stack=" + DATA);
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().arguments().map(a -> List.of(a).stream().anyMatch(markers::contains))
                        .orElse(false))
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                .toList();
    }

    static String logs() {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(DATA.resolve("logs"))) {
            for (Path f : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                sb.append("\n----- ").append(f.getFileName()).append(" (last 30 lines)\n");
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> sb.append(l).append('\n'));
            }
        } catch (IOException e) {
            sb.append("\n(no logs: ").append(e).append(')');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- dreams

    /** Uploads the photo through the gallery's API, as a user's browser or script would; answers its id. */
    static String submit(byte[] photo) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("layers", "mixed3:1");
        fields.put("octaves", "0");
        fields.put("stepsPerOctave", "2");
        fields.put("tileSize", "128");
        fields.put("maxSide", "96");
        fields.put("seed", "7");
        String boundary = "oneira-" + System.nanoTime();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(gallery("/api/dreams"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, fields, photo)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("POST /api/dreams: " + r.body()).isBetween(200, 299);
        String id = JSON.readTree(r.body()).path("id").asText();
        assertThat(DreamId.isValid(id)).as("id in " + r.body()).isTrue();
        return id;
    }

    static DreamStatus awaitDone(String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(gallery("/api/dreams/" + id))
                    .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                DreamStatus status = DreamStatus.valueOf(JSON.readTree(r.body()).path("status").asText());
                if (status == DreamStatus.DONE || status == DreamStatus.FAILED) {
                    return status;
                }
            }
            Thread.sleep(500);
        }
        fail("dream " + id + " not done within " + timeout + "; last seen: " + last + logs());
        return null;
    }

    static byte[] fetchDream(String id) throws Exception {
        HttpResponse<String> view = HTTP.send(HttpRequest.newBuilder(gallery("/api/dreams/" + id))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        JsonNode link = JSON.readTree(view.body()).path("links").path("dream");
        assertThat(link.isTextual()).as("links.dream in " + view.body()).isTrue();
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(gallery(link.asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("GET " + link.asText()).isEqualTo(200);
        return r.body();
    }

    static URI gallery(String path) {
        return URI.create("http://127.0.0.1:" + GALLERY + path);
    }

    static byte[] multipart(String boundary, Map<String, String> fields, byte[] photo) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"chelsea.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(photo);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
