package dev.oneira.shared.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oneira.shared.json.JsonDecoding;
import dev.oneira.shared.json.OneiraJson;
import java.nio.charset.StandardCharsets;

/**
 * Manifests to and from UTF-8 JSON: {@code {"schemaVersion":1, "id":..., "status":"DONE", "spec":{...},
 * ...}}, pretty-printed since people read them in the bucket. Unknown fields are ignored; a
 * schemaVersion newer than {@link DreamManifest#SCHEMA_VERSION} or malformed JSON gives a
 * {@link ManifestDecodingException}.
 */
public final class ManifestCodec {

    private static final ObjectMapper MAPPER = OneiraJson.newMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);

    private ManifestCodec() {
    }

    public static byte[] encode(DreamManifest manifest) {
        return toJson(manifest).getBytes(StandardCharsets.UTF_8);
    }

    public static String toJson(DreamManifest manifest) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(JsonDecoding.SCHEMA_VERSION, DreamManifest.SCHEMA_VERSION);
        node.setAll((ObjectNode) MAPPER.valueToTree(manifest));
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write manifest " + manifest.id() + " as JSON", e);
        }
    }

    public static DreamManifest decode(String json) {
        if (json == null) {
            throw new ManifestDecodingException("manifest is missing (null)");
        }
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    public static DreamManifest decode(byte[] json) {
        ObjectNode tree = JsonDecoding.readObject(MAPPER, json, "manifest", ManifestDecodingException::new);
        JsonDecoding.checkVersion(tree, DreamManifest.SCHEMA_VERSION, "manifest", ManifestDecodingException::new);
        return JsonDecoding.bind(MAPPER, tree, DreamManifest.class, "manifest", ManifestDecodingException::new);
    }
}
