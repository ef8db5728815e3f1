package dev.oneira.stack;

import static dev.oneira.stack.DeploymentFilesTest.GALLERY;
import static dev.oneira.stack.DeploymentFilesTest.ROOT;
import static dev.oneira.stack.DeploymentFilesTest.WORKER;
import static dev.oneira.stack.DeploymentFilesTest.checkService;
import static dev.oneira.stack.DeploymentFilesTest.configMap;
import static dev.oneira.stack.DeploymentFilesTest.container;
import static dev.oneira.stack.DeploymentFilesTest.deployment;
import static dev.oneira.stack.DeploymentFilesTest.docs;
import static dev.oneira.stack.DeploymentFilesTest.ofKind;
import static dev.oneira.stack.DeploymentFilesTest.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oneira.shared.messaging.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The overlays as a cluster would get them: rendered with {@code kubectl kustomize} (the kustomize built into
 * kubectl; ./oneira test provides one) and every object checked. Each parses and fits the schema of an API
 * version the target releases serve (Kubernetes, Strimzi v1, KEDA v1alpha1, Prometheus Operator, Gateway
 * API: {@link ManifestSchemas}); every pod passes the "restricted" Pod Security Standard; network policies
 * deny by default and open only the flows the services need; no credential is committed; the images are
 * the release's; and the drift rules of {@link DeploymentFilesTest} hold on the final objects.
 */
class RenderedOverlaysTest {

    /** Kafka versions of the Strimzi release in local-stack/pom.xml (strimzi.version), with their metadata versions. */
    static final Map<String, Map<String, String>> STRIMZI_KAFKA = Map.of(
            "1.2.0", Map.of("4.2.0", "4.2-IV1", "4.2.1", "4.2-IV1", "4.3.0", "4.3-IV0", "4.3.1", "4.3-IV0"));

    static final Map<String, List<JsonNode>> RENDERED = new LinkedHashMap<>();

    static List<JsonNode> render(String overlay) throws Exception {
        if (!RENDERED.containsKey(overlay)) {
            RENDERED.put(overlay, docs(kustomize(ROOT.resolve("k8s/overlays/" + overlay))));
        }
        return RENDERED.get(overlay);
    }

    /** kubectl from ONEIRA_KUBECTL (what ./oneira test found or fetched), else from PATH. */
    static String kustomize(Path dir) throws Exception {
        String kubectl = System.getenv().getOrDefault("ONEIRA_KUBECTL", "kubectl");
        Process p;
        try {
            p = new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "kubectl not found (" + kubectl + "): the rendered overlays were NOT checked. "
                    + "./oneira test installs one; or put kubectl 1.21+ on PATH / set ONEIRA_KUBECTL");
            throw e;
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("kubectl kustomize " + dir + " (kubectl 1.21+ is needed for components): " + text)
                .isZero();
        return text;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everyObjectFitsTheSchemaOfAServedApiVersion(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        List<String> problems = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        for (JsonNode d : docs) {
            try {
                problems.addAll(ManifestSchemas.problems(d));
            } catch (ManifestSchemas.ModelNeedsNewerJava e) {
                unchecked.add(e.getMessage());
            }
        }
        assertThat(problems).as(overlay).isEmpty();
        assertThat(ofKind(docs, "Namespace")).hasSize(1);
        for (JsonNode d : docs) {
            if (!d.path("kind").asText().equals("Namespace")) {
                assertThat(d.path("metadata").path("namespace").asText()).as(ManifestSchemas.type(d) + " namespace")
                        .isEqualTo("oneira");
            }
        }
        assumeTrue(unchecked.isEmpty(), "everything else was checked, but NOT against these schemas: " + unchecked);
    }

    @Test
    void theSchemaCheckCatchesAFieldTheApiDoesNotHave() throws Exception {
        List<JsonNode> docs = render("cpu");
        // spec.kafka.replicas was a v1beta2 field; Strimzi's v1 has node pools instead
        JsonNode kafka = one(docs, "Kafka").deepCopy();
        ((ObjectNode) kafka.path("spec").path("kafka")).put("replicas", 3);
        assertThat(ManifestSchemas.problems(kafka)).singleElement().asString().contains("replicas");
        JsonNode gallery = deployment(docs, "gallery").deepCopy();
        ((ObjectNode) gallery.path("spec").path("template").path("spec")
                .path("securityContext")).put("runAsNonroot", true);
        assertThat(ManifestSchemas.problems(gallery)).singleElement().asString().contains("runAsNonroot");
        JsonNode scaled = one(docs, "ScaledObject").deepCopy();
        ((ObjectNode) scaled.path("spec")).put("maxReplicas", 3);
        assertThat(ManifestSchemas.problems(scaled)).singleElement().asString().contains("maxReplicas");
        JsonNode old = kafka.deepCopy();
        ((ObjectNode) old).put("apiVersion", "kafka.strimzi.io/v1beta2");
        assertThat(ManifestSchemas.problems(old)).singleElement().asString().contains("not an API version");
    }

    @Test
    void kafkaRunsAVersionTheStrimziReleaseSupports() throws Exception {
        String strimzi = pomProperty("local-stack/pom.xml", "strimzi.version");
        Map<String, String> supported = STRIMZI_KAFKA.get(strimzi);
        assertThat(supported).as("Kafka versions of Strimzi " + strimzi + " listed in this test").isNotNull();
        JsonNode kafka = one(render("cpu"), "Kafka");
        assertThat(kafka.path("metadata").path("annotations").toString()).as("annotations ignored since Strimzi 0.48")
                .doesNotContain("strimzi.io/kraft", "strimzi.io/node-pools");
        String version = kafka.path("spec").path("kafka").path("version").asText();
        assertThat(supported).containsKey(version);
        assertThat(kafka.path("spec").path("kafka").path("metadataVersion").asText()).isEqualTo(supported.get(version));
        // The exporter reads the workers' group: the lag the alerts, the dashboard and docs use.
        String groups = kafka.path("spec").path("kafkaExporter").path("groupRegex").asText();
        assertThat(Topics.WORKER_GROUP).matches(groups);
        // The brokers take clients only from the gallery, the workers and KEDA.
        String peers = kafka.path("spec").path("kafka").path("listeners").get(0).path("networkPolicyPeers").toString();
        assertThat(peers).contains("\"gallery\"", "\"dream-worker\"", "keda");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everyPodPassesTheRestrictedPodSecurityStandard(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        assertThat(one(docs, "Namespace").path("metadata").path("labels").path("pod-security.kubernetes.io/enforce")
                .asText()).isEqualTo("restricted");
        for (JsonNode d : ofKind(docs, "Deployment")) {
            String name = d.path("metadata").path("name").asText();
            JsonNode pod = d.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).as(name)
                    .isEqualTo("RuntimeDefault");
            assertThat(pod.has("hostNetwork") || pod.has("hostPID") || pod.has("hostIPC")).as(name).isFalse();
            assertThat(pod.path("automountServiceAccountToken").isBoolean()
                    && !pod.path("automountServiceAccountToken").asBoolean()).as(name + ": no API token").isTrue();
            String account = pod.path("serviceAccountName").asText();
            assertThat(ofKind(docs, "ServiceAccount")).as(name + "'s ServiceAccount " + account)
                    .anyMatch(s -> s.path("metadata").path("name").asText().equals(account));
            for (JsonNode v : pod.path("volumes")) {
                assertThat(v.has("hostPath")).as(name + " hostPath volume").isFalse();
            }
            for (JsonNode c : pod.path("containers")) {
                JsonNode sc = c.path("securityContext");
                String what = name + "/" + c.path("name").asText();
                assertThat(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation")
                        .asBoolean()).as(what + " allowPrivilegeEscalation false").isTrue();
                assertThat(sc.path("privileged").asBoolean(false)).as(what).isFalse();
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as(what + " read-only root").isTrue();
                assertThat(sc.path("capabilities").path("drop").toString()).as(what).contains("\"ALL\"");
                assertThat(sc.path("capabilities").path("add").size()).as(what + " adds no capability").isZero();
                assertThat(c.path("volumeMounts").toString()).as(what + " writes to an emptyDir /tmp")
                        .contains("\"mountPath\":\"/tmp\"");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void networkPoliciesDenyByDefaultAndOpenOnlyTheNeededFlows(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        List<JsonNode> policies = ofKind(docs, "NetworkPolicy");
        assertThat(policies).anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                && p.path("spec").path("policyTypes").toString().contains("Ingress")
                && !p.path("spec").has("ingress"));
        for (JsonNode d : ofKind(docs, "Deployment")) {
            String app = d.path("spec").path("template").path("metadata").path("labels").path("app.kubernetes.io/name")
                    .asText();
            assertThat(policies).as(app + " has its own egress rules")
                    .anyMatch(p -> selects(p, app) && p.path("spec").path("policyTypes").toString().contains("Egress"));
            assertThat(policies).as(app + " takes connections only from named peers")
                    .anyMatch(p -> selects(p, app) && p.path("spec").has("ingress"));
        }
        JsonNode gallery = policy(policies, "gallery");
        assertThat(gallery.path("spec").path("egress").toString()).as("gallery -> Kafka, PostgreSQL (oneira-db)")
                .contains("\"strimzi.io/cluster\":\"oneira\"", "\"port\":9092", "\"cnpg.io/cluster\":\"oneira-db\"",
                        "\"port\":5432");
        assertThat(gallery.path("spec").path("ingress").get(0).path("ports").toString()).contains(":" + GALLERY.port());
        assertThat(policy(policies, "dream-worker").path("spec").path("egress").toString()).contains("\"port\":9092");
        JsonNode db = policy(policies, "oneira-db");
        assertThat(db.path("spec").path("podSelector").path("matchLabels").path("cnpg.io/cluster").asText())
                .isEqualTo("oneira-db");
        assertThat(db.path("spec").path("ingress").toString()).contains("cnpg-system", "\"gallery\"");
        // Behind the ingress, X-Forwarded-For is honoured only from named proxies.
        JsonNode g = container(docs, "gallery");
        assertThat(DeploymentFilesTest.env(g, "GALLERY_BEHIND_PROXY")).isEqualTo("true");
        assertThat(DeploymentFilesTest.env(g, "GALLERY_TRUSTED_PROXIES")).isNotBlank();
        assertThat(GALLERY.propsText()).contains("quarkus.http.proxy.trusted-proxies=${GALLERY_TRUSTED_PROXIES:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void noCredentialIsCommittedAndImagesAreTheRelease(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        assertThat(ofKind(docs, "Secret")).as("Secrets are created by the operator, never rendered from the repo")
                .isEmpty();
        Pattern secretish = Pattern.compile(".*(SECRET|PASSWORD|CREDENTIAL|_KEY)$");
        for (JsonNode d : ofKind(docs, "Deployment")) {
            for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode e : c.path("env")) {
                    if (secretish.matcher(e.path("name").asText()).matches()) {
                        assertThat(e.has("value")).as(e.path("name").asText() + " comes from a Secret").isFalse();
                    }
                }
                String image = c.path("image").asText();
                assertThat(image).as("image with a pinned tag").doesNotEndWith(":latest").contains(":");
                if (!c.path("name").asText().equals("s3proxy")) {
                    assertThat(image).startsWith(releaseRegistry() + "/");
                }
            }
        }
        String worker = container(docs, "dream-worker").path("image").asText();
        assertThat(worker).contains(overlay.equals("gpu") ? "/dream-worker-cuda:" : "/dream-worker:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void theDriftRulesHoldOnTheRenderedObjects(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        checkService(docs, "dream-worker", WORKER);
        checkService(docs, "gallery", GALLERY);
        JsonNode requests = ofKind(docs, "KafkaTopic").stream()
                .filter(t -> t.path("spec").path("topicName").asText().equals(Topics.DREAM_REQUESTS)).findFirst()
                .orElseThrow();
        JsonNode scaled = one(docs, "ScaledObject").path("spec");
        assertThat(scaled.path("maxReplicaCount").asInt()).isEqualTo(requests.path("spec").path("partitions").asInt());
        assertThat(scaled.path("fallback").path("replicas").asInt()).isBetween(1, scaled.path("maxReplicaCount").asInt());
        // Kafka 4 refuses the requests of protocol versions before 2.1 (KIP-896): KEDA must not speak 1.0.0.
        String protocol = scaled.path("triggers").get(0).path("metadata").path("version").asText();
        assertThat(protocol).matches("[0-9]+\\.[0-9]+\\.[0-9]+");
        assertThat(compareVersions(protocol, "2.1.0")).isGreaterThanOrEqualTo(0);
        DeploymentFilesTest.assertWorkerOutlastsItsWorstCaseStop(docs);
        JsonNode pod = deployment(docs, "dream-worker").path("spec").path("template").path("spec");
        assertThat(pod.path("topologySpreadConstraints").size()).isPositive();
        assertThat(deployment(docs, "gallery").path("spec").path("template").path("spec")
                .path("topologySpreadConstraints").size()).isPositive();
        JsonNode strategy = deployment(docs, "dream-worker").path("spec").path("strategy").path("rollingUpdate");
        JsonNode ingressTls = one(docs, "Ingress").path("spec").path("tls");
        assertThat(ingressTls.size()).as("TLS on the Ingress").isPositive();
        assertThat(one(docs, "Ingress").path("metadata").path("annotations").has("cert-manager.io/cluster-issuer"))
                .isTrue();
        if (overlay.equals("gpu")) {
            // a surge pod would wait for a free GPU: replace one at a time
            assertThat(strategy.path("maxSurge").asInt()).isZero();
            assertThat(strategy.path("maxUnavailable").asInt()).isEqualTo(1);
            assertThat(pod.path("nodeSelector").size()).as("GPU nodes only").isPositive();
            assertThat(container(docs, "dream-worker").path("resources").path("limits").path("nvidia.com/gpu")
                    .asText()).isEqualTo("1");
            assertThat(configMap(docs, "oneira-object-store").path("OBJECT_STORE_ENDPOINT").asText()).isEmpty();
        } else {
            assertThat(container(docs, "dream-worker").path("resources").path("limits").has("nvidia.com/gpu")).isFalse();
            assertThat(configMap(docs, "oneira-object-store").path("OBJECT_STORE_ENDPOINT").asText())
                    .isEqualTo("http://object-store:9000");
            JsonNode store = deployment(docs, "object-store").path("spec").path("template").path("spec")
                    .path("containers").get(0);
            assertThat(store.path("env").toString()).contains("S3PROXY_IDENTITY_FILE", "S3PROXY_CREDENTIAL_FILE");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void monitoringScrapesTheServicesAndKafkaAndAlertsOnWhatOperatorsActOn(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        String monitors = ofKind(docs, "PodMonitor").toString();
        assertThat(monitors).contains("\"gallery\"", "\"dream-worker\"", "/q/metrics", "tcp-prometheus");
        Set<String> alerts = new TreeSet<>();
        for (JsonNode rule : one(docs, "PrometheusRule").path("spec").path("groups").get(0).path("rules")) {
            alerts.add(rule.path("alert").asText());
        }
        assertThat(alerts).contains("OneiraBacklogGrowing", "OneiraDeadLetters", "OneiraWorkersNotReady");
        String dashboard = configMap(docs, "oneira-grafana-dashboard").path("oneira-dashboard.json").asText();
        JsonNode parsed = new ObjectMapper().readTree(dashboard);
        assertThat(parsed.path("panels").size()).isPositive();
        // Every metric of ours that a panel or alert reads is one the services register.
        String sources = javaSources("gallery-web/src/main/java", "dream-worker/src/main/java");
        Matcher m = Pattern.compile("oneira_[a-z_]+").matcher(dashboard + one(docs, "PrometheusRule"));
        while (m.find()) {
            String name = m.group().replaceAll("_(total|seconds|count|sum|max)$", "");
            assertThat(sources).as("metric " + m.group() + " is registered by a service").contains("\"" + name
                    .replace('_', '.') + "\"");
        }
    }

    @Test
    void theGatewayApiComponentReplacesTheIngress() throws Exception {
        Path dir = ROOT.resolve("local-stack/target/gateway-overlay");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../../../k8s/overlays/cpu
                components:
                  - ../../../k8s/components/gateway-api
                """);
        List<JsonNode> docs = docs(kustomize(dir));
        assertThat(ofKind(docs, "Ingress")).isEmpty();
        JsonNode route = one(docs, "HTTPRoute");
        assertThat(ManifestSchemas.problems(route)).isEmpty();
        assertThat(route.path("spec").path("rules").get(0).path("backendRefs").get(0).path("name").asText())
                .isEqualTo("gallery");
    }

    // ---------------------------------------------------------------- helpers

    static boolean selects(JsonNode policy, String app) {
        JsonNode selector = policy.path("spec").path("podSelector");
        if (selector.path("matchLabels").path("app.kubernetes.io/name").asText().equals(app)) {
            return true;
        }
        for (JsonNode e : selector.path("matchExpressions")) {
            if (e.path("key").asText().equals("app.kubernetes.io/name") && e.path("operator").asText().equals("In")
                    && e.path("values").toString().contains("\"" + app + "\"")) {
                return true;
            }
        }
        return false;
    }

    static JsonNode policy(List<JsonNode> policies, String name) {
        return policies.stream().filter(p -> p.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no NetworkPolicy " + name));
    }

    /** The registry of components/release (the one place the images are named). */
    static String releaseRegistry() throws IOException {
        JsonNode release = docs(ROOT.resolve("k8s/components/release/kustomization.yaml")).get(0);
        String name = release.path("images").get(0).path("newName").asText();
        return name.substring(0, name.lastIndexOf('/'));
    }

    static String pomProperty(String pom, String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(ROOT.resolve(pom)));
        assertThat(m.find()).as(name + " in " + pom).isTrue();
        return m.group(1).trim();
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static String javaSources(String... dirs) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String d : dirs) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(d))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    all.append(Files.readString(f));
                }
            }
        }
        return all.toString();
    }
}
