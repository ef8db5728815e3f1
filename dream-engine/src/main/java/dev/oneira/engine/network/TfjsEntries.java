package dev.oneira.engine.network;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reading one entry of a TensorFlow.js model file: a Keras layer of the topology, a tensor of the
 * weights manifest, each checked with a message that says what is wrong and which file to replace.
 */
final class TfjsEntries {
    private TfjsEntries() {
    }

    static TfjsModel.Layer layer(JsonNode l, String origin) {
        String name = l.path("name").asText(l.path("config").path("name").asText(null));
        String className = l.path("class_name").asText(null);
        if (name == null || className == null) {
            throw malformed(origin, "a layer lacks `name` or `class_name`: " + abbreviate(l), null);
        }
        JsonNode nodes = l.path("inbound_nodes");
        List<String> inbound = new ArrayList<>();
        if (nodes.size() > 1) {
            throw malformed(origin, "layer `" + name + "` is called " + nodes.size()
                    + " times (shared layer); only single-use layers are supported", null);
        }
        for (JsonNode node : nodes) {
            if (!node.isArray()) {
                throw malformed(origin, "layer `" + name + "` has inbound nodes in an unsupported format"
                        + " (expected Keras 2 lists [[name, 0, 0, {}], ...]): " + abbreviate(node), null);
            }
            for (JsonNode ref : node) {
                if (!ref.isArray() || ref.isEmpty() || !ref.get(0).isTextual()) {
                    throw malformed(origin, "layer `" + name + "` has an unreadable inbound entry " + abbreviate(ref), null);
                }
                if (ref.path(1).asInt(0) != 0 || ref.path(2).asInt(0) != 0) {
                    throw malformed(origin, "layer `" + name + "` reads node/tensor " + ref.path(1) + "/" + ref.path(2)
                            + " of `" + ref.get(0).asText() + "`; only single-output, single-use layers are supported", null);
                }
                inbound.add(ref.get(0).asText());
            }
        }
        return new TfjsModel.Layer(name, className, l.path("config"), List.copyOf(inbound));
    }

    static TfjsModel.WeightSpec weight(JsonNode w, long offset, String origin) {
        String name = w.path("name").asText(null);
        JsonNode shapeNode = w.path("shape");
        String dtype = w.path("dtype").asText(null);
        if (name == null || !shapeNode.isArray() || dtype == null) {
            throw malformed(origin, "a manifest entry lacks name, shape or dtype: " + abbreviate(w), null);
        }
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt(-1);
            if (shape[i] < 0) {
                throw malformed(origin, "weight `" + name + "` has an invalid shape " + shapeNode, null);
            }
            count *= shape[i];
        }
        JsonNode q = w.path("quantization");
        String quantization = null;
        double min = 0;
        double scale = 1;
        if (q.isObject()) {
            quantization = q.path("dtype").asText(null);
            if (!q.path("min").isNumber() || !q.path("scale").isNumber()) {
                throw malformed(origin, "weight `" + name + "` is quantised without numeric min and scale: " + q, null);
            }
            min = q.get("min").asDouble();
            scale = q.get("scale").asDouble();
            if (!"uint8".equals(quantization) && !"uint16".equals(quantization)) {
                throw malformed(origin, "weight `" + name + "` uses quantisation `" + quantization
                        + "`; only uint8 and uint16 (affine min + scale*q) are supported", null);
            }
        } else if (!"float32".equals(dtype) && !"int32".equals(dtype)) {
            throw malformed(origin, "weight `" + name + "` has dtype `" + dtype + "`; supported: float32,"
                    + " int32, or uint8/uint16 quantised", null);
        }
        return new TfjsModel.WeightSpec(name, shape, dtype, quantization, min, scale, offset, count);
    }

    static ModelLoadException malformed(String origin, String what, Throwable cause) {
        return new ModelLoadException("Malformed model topology in " + origin + ": " + what
                + ". Expected a TensorFlow.js layers model such as nsfwjs@4.4.0's"
                + " package/dist/models/inception_v3/model.min.js; replace the file with an intact copy.", cause);
    }

    static String abbreviate(JsonNode n) {
        String s = String.valueOf(n);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
