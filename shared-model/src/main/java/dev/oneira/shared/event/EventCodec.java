package dev.oneira.shared.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oneira.shared.json.JsonDecoding;
import dev.oneira.shared.json.OneiraJson;
import dev.oneira.shared.text.InputEcho;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dream events to and from UTF-8 JSON. Shape: {@code {"type":"DreamProgress","schemaVersion":1,
 * "eventId":"...","dreamId":"...","at":"2026-01-02T03:04:05.123Z", ...record fields}}. Instants are
 * ISO-8601 strings, a DreamSpec is as documented on {@link dev.oneira.shared.spec.DreamSpec}.
 * Unknown fields are ignored; a missing or unknown type, a schemaVersion newer than
 * {@link DreamEvent#SCHEMA_VERSION}, malformed JSON or a missing required field give an
 * {@link EventDecodingException}.
 */
public final class EventCodec {

    public static final String TYPE = "type";

    private static final Map<String, Class<? extends DreamEvent>> TYPES = types();

    private static final ObjectMapper MAPPER = OneiraJson.newMapper()
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);

    private EventCodec() {
    }

    public static byte[] encode(DreamEvent event) {
        return toJson(event).getBytes(StandardCharsets.UTF_8);
    }

    public static String toJson(DreamEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(TYPE, event.type());
        node.put(JsonDecoding.SCHEMA_VERSION, event.schemaVersion());
        node.setAll((ObjectNode) MAPPER.valueToTree(event));
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.type() + " as JSON", e);
        }
    }

    public static DreamEvent decode(String json) {
        if (json == null) {
            throw new EventDecodingException("event is missing (null)");
        }
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    public static DreamEvent decode(byte[] json) {
        ObjectNode tree = JsonDecoding.readObject(MAPPER, json, "event", EventDecodingException::new);
        JsonNode typeNode = tree.get(TYPE);
        if (typeNode == null || !typeNode.isTextual()) {
            throw new EventDecodingException("event has no \"type\" text field; expected one of " + knownTypes());
        }
        String type = typeNode.textValue();
        Class<? extends DreamEvent> cls = TYPES.get(type);
        if (cls == null) {
            throw new EventDecodingException("unknown event type \"" + InputEcho.of(type) + "\"; expected one of "
                    + knownTypes());
        }
        JsonDecoding.checkVersion(tree, DreamEvent.SCHEMA_VERSION, type, EventDecodingException::new);
        return JsonDecoding.bind(MAPPER, tree, cls, type, EventDecodingException::new);
    }

    /** Decodes and checks the type: for a topic that carries one kind of event. */
    public static <T extends DreamEvent> T decode(byte[] json, Class<T> expected) {
        DreamEvent event = decode(json);
        if (!expected.isInstance(event)) {
            throw new EventDecodingException("expected a " + expected.getSimpleName() + " event but got "
                    + event.type());
        }
        return expected.cast(event);
    }

    private static String knownTypes() {
        return String.join(", ", TYPES.keySet());
    }

    private static Map<String, Class<? extends DreamEvent>> types() {
        Map<String, Class<? extends DreamEvent>> types = new LinkedHashMap<>();
        types.put(DreamRequested.TYPE, DreamRequested.class);
        types.put(DreamStarted.TYPE, DreamStarted.class);
        types.put(DreamProgress.TYPE, DreamProgress.class);
        types.put(DreamCompleted.TYPE, DreamCompleted.class);
        types.put(DreamFailed.TYPE, DreamFailed.class);
        types.put(DreamHeld.TYPE, DreamHeld.class);
        return Collections.unmodifiableMap(types);
    }
}
