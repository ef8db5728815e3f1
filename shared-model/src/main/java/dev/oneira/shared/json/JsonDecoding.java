package dev.oneira.shared.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.Function;

/**
 * The shared steps of reading a versioned document ({"schemaVersion": n, ...}): parse to a tree,
 * insist on an object, check the version, bind. Failures become the caller's exception type with a
 * message that says what was wrong, not a Jackson stack of locations.
 */
public final class JsonDecoding {

    public static final String SCHEMA_VERSION = "schemaVersion";

    private JsonDecoding() {
    }

    public static ObjectNode readObject(ObjectMapper mapper, byte[] json, String what,
                                        Function<String, ? extends RuntimeException> failure) {
        if (json == null) {
            throw failure.apply(what + " is missing (null)");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (IOException e) {
            throw failure.apply(what + " is not valid JSON: " + conciseMessage(e));
        }
        if (tree == null || tree.isMissingNode()) {
            throw failure.apply(what + " is empty");
        }
        if (!tree.isObject()) {
            throw failure.apply(what + " must be a JSON object (was " + tree.getNodeType().name().toLowerCase() + ")");
        }
        return (ObjectNode) tree;
    }

    /** The document's schemaVersion; missing counts as 1, the first version. */
    public static int checkVersion(ObjectNode tree, int newestKnown, String what,
                                   Function<String, ? extends RuntimeException> failure) {
        JsonNode node = tree.get(SCHEMA_VERSION);
        if (node == null || node.isNull()) {
            return 1;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw failure.apply(what + " schemaVersion must be a whole number (was " + node + ")");
        }
        int version = node.intValue();
        if (version < 1 || version > newestKnown) {
            throw failure.apply(what + " schemaVersion must be between 1 and " + newestKnown + " (was " + version
                    + (version > newestKnown ? "; written by a newer version of Oneira" : "") + ")");
        }
        return version;
    }

    public static <T> T bind(ObjectMapper mapper, ObjectNode tree, Class<T> type, String what,
                             Function<String, ? extends RuntimeException> failure) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw failure.apply(what + " is malformed: " + conciseMessage(e));
        }
    }

    /** Our own constructors' and parsers' messages rather than Jackson's wrapper, plus where in the JSON. */
    static String conciseMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message;
        if (cause != e && cause.getMessage() != null && !(cause instanceof JsonProcessingException)) {
            message = cause.getMessage();
        } else if (e instanceof JsonProcessingException jpe) {
            message = jpe.getOriginalMessage();
        } else {
            message = String.valueOf(e.getMessage());
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            message += " (at " + fieldPath(jme) + ")";
        }
        return message;
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
