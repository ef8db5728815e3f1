package dev.oneira.stack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schemas of the objects the overlays render, from the API model classes their projects publish on Maven
 * Central: Kubernetes' own kinds and the Prometheus Operator's and Gateway API's CRDs from fabric8's models,
 * Strimzi's from its own api artifact (from which Strimzi generates its CRDs). A rendered object is read
 * into its class with every field known: these classes keep unknown fields in an "additional properties"
 * map, which this reader turns off, so a misspelt or removed field (e.g. a v1beta2-only one in a v1 Kafka)
 * fails with its path. Field names and value types are checked this way, not value ranges or required
 * fields. KEDA publishes no Java model (its CRD is YAML in its Helm chart and release files; npm has it only
 * as generated JavaScript validators), so ScaledObjects are checked against the field names of KEDA 2.x's
 * CRD listed here.
 */
final class ManifestSchemas {

    private ManifestSchemas() {
    }

    /** apiVersion/kind -> model class. Only these API versions are served by the releases docs/operations.md names. */
    static final Map<String, String> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", "io.fabric8.kubernetes.api.model.Namespace"),
            Map.entry("v1/ConfigMap", "io.fabric8.kubernetes.api.model.ConfigMap"),
            Map.entry("v1/Secret", "io.fabric8.kubernetes.api.model.Secret"),
            Map.entry("v1/Service", "io.fabric8.kubernetes.api.model.Service"),
            Map.entry("v1/ServiceAccount", "io.fabric8.kubernetes.api.model.ServiceAccount"),
            Map.entry("v1/PersistentVolumeClaim", "io.fabric8.kubernetes.api.model.PersistentVolumeClaim"),
            Map.entry("apps/v1/Deployment", "io.fabric8.kubernetes.api.model.apps.Deployment"),
            Map.entry("networking.k8s.io/v1/Ingress", "io.fabric8.kubernetes.api.model.networking.v1.Ingress"),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", "io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy"),
            Map.entry("policy/v1/PodDisruptionBudget", "io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget"),
            Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", "io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute"),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", "io.fabric8.openshift.api.model.monitoring.v1.PodMonitor"),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule",
                    "io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule"),
            Map.entry("kafka.strimzi.io/v1/Kafka", "io.strimzi.api.kafka.model.kafka.Kafka"),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", "io.strimzi.api.kafka.model.nodepool.KafkaNodePool"),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", "io.strimzi.api.kafka.model.topic.KafkaTopic"));

    /** Served, checked by hand (no Java model published): KEDA's ScaledObject; CloudNativePG's Cluster (issue 11). */
    static final Set<String> WITHOUT_MODEL = Set.of("keda.sh/v1alpha1/ScaledObject", "postgresql.cnpg.io/v1/Cluster");

    /** The fields of KEDA 2.x's ScaledObject spec (keda.sh_scaledobjects.yaml) and of its fallback. */
    static final Set<String> SCALED_OBJECT_SPEC = Set.of("scaleTargetRef", "pollingInterval", "initialCooldownPeriod",
            "cooldownPeriod", "idleReplicaCount", "minReplicaCount", "maxReplicaCount", "fallback", "advanced",
            "triggers");
    static final Set<String> SCALED_OBJECT_FALLBACK = Set.of("failureThreshold", "replicas", "behavior");

    /** Reads fields strictly: any-setters off, unknown properties fail. */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }
            })
            .build();

    static String type(JsonNode doc) {
        return doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
    }

    /** Problems of one rendered object against its schema; empty when it fits. */
    static List<String> problems(JsonNode doc) {
        String type = type(doc);
        String model = MODELS.get(type);
        if (model == null) {
            if (!WITHOUT_MODEL.contains(type)) {
                return List.of(type + " is not an API version/kind the target releases serve (or not one this test knows)");
            }
            if (type.equals("keda.sh/v1alpha1/ScaledObject")) {
                return scaledObjectProblems(doc);
            }
            return List.of();
        }
        try {
            STRICT.treeToValue(doc, Class.forName(model));
            return List.of();
        } catch (UnsupportedClassVersionError e) {
            // Strimzi 1.2's model needs Java 21+; local-stack/pom.xml runs these tests on Java 25 where it exists
            throw new ModelNeedsNewerJava(type, e);
        } catch (Exception e) {
            return List.of(type + " " + doc.path("metadata").path("name").asText() + ": " + e.getMessage().lines()
                    .findFirst().orElse(e.toString()));
        }
    }

    /** The model of this kind cannot be loaded on this JVM (too old for its class files). */
    static final class ModelNeedsNewerJava extends RuntimeException {
        ModelNeedsNewerJava(String type, UnsupportedClassVersionError e) {
            super(type + ": its model classes need a newer Java than " + System.getProperty("java.version") + " ("
                    + e.getMessage() + ")");
        }
    }

    static List<String> scaledObjectProblems(JsonNode doc) {
        JsonNode spec = doc.path("spec");
        List<String> out = new ArrayList<>();
        spec.fieldNames().forEachRemaining(f -> {
            if (!SCALED_OBJECT_SPEC.contains(f)) {
                out.add("ScaledObject spec." + f + " is not a field of KEDA's ScaledObject");
            }
        });
        spec.path("fallback").fieldNames().forEachRemaining(f -> {
            if (!SCALED_OBJECT_FALLBACK.contains(f)) {
                out.add("ScaledObject spec.fallback." + f + " is not a field of KEDA's fallback");
            }
        });
        return out;
    }
}
