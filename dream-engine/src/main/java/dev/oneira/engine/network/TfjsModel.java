package dev.oneira.engine.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A TensorFlow.js layers model (a Keras model converted by tfjs-converter) as read from
 * {@code model.min.js} and its weight shards: the layers with their configs and inbound layers,
 * and the dequantised weights.
 *
 * <p>The raw weight bytes (one byte per value for uint8 quantisation) are kept and tensors are
 * dequantised on request, as {@code min + scale * q}.
 */
public final class TfjsModel {

    /** SHA-256 of the weight bytes (all shards decoded and concatenated) of nsfwjs@4.4.0's InceptionV3. */
    public static final String NSFWJS_4_4_0_WEIGHTS_SHA256 =
            "8a457f3fdec7db18b16e44323454db0eaeb8f314eda0046b2e293e58a5bfabf4";

    private static final JsonMapper JS_MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    /**
     * A Keras layer.
     *
     * @param inbound names of the layers whose outputs are this layer's inputs, in call order
     */
    public record Layer(String name, String className, JsonNode config, List<String> inbound) {
    }

    /**
     * One tensor of the weights manifest.
     *
     * @param quantization the quantised storage type ("uint8", "uint16") or null when stored as dtype
     * @param byteOffset offset of its first byte in the concatenated weight bytes
     */
    public record WeightSpec(String name, int[] shape, String dtype, String quantization, double min,
                             double scale, long byteOffset, long count) {

        long byteLength() {
            return count * bytesPerValue(quantization != null ? quantization : dtype);
        }

        @Override
        public String toString() {
            return name + Arrays.toString(shape) + " " + dtype + (quantization != null ? "(" + quantization + ")" : "");
        }
    }

    private final String origin;
    private final String kerasVersion;
    private final Map<String, Layer> layers;
    private final Map<String, WeightSpec> weights;
    private final byte[] weightBytes;

    private TfjsModel(String origin, String kerasVersion, Map<String, Layer> layers,
                      Map<String, WeightSpec> weights, byte[] weightBytes) {
        this.origin = origin;
        this.kerasVersion = kerasVersion;
        this.layers = Collections.unmodifiableMap(layers);
        this.weights = Collections.unmodifiableMap(weights);
        this.weightBytes = weightBytes;
    }

    /**
     * Reads the model and its weights and checks that the weights are the nsfwjs@4.4.0 ones.
     */
    public static TfjsModel read(ModelFiles files) {
        return read(files, NSFWJS_4_4_0_WEIGHTS_SHA256);
    }

    /**
     * Reads the model and its weights.
     *
     * @param expectedWeightsSha256 SHA-256 (hex) of the concatenated weight bytes, or null to skip the check
     */
    public static TfjsModel read(ModelFiles files, String expectedWeightsSha256) {
        byte[] modelJs = files.readRequired(ModelFiles.MODEL_FILE);
        return parse(new String(modelJs, StandardCharsets.UTF_8), ModelFiles.MODEL_FILE + " in " + files.describe(),
                path -> readShard(files, path), expectedWeightsSha256);
    }

    static byte[] readShard(ModelFiles files, String path) {
        byte[] binary = files.readOptional(path);
        if (binary != null) {
            return binary;
        }
        String wrapped = path + ".min.js";
        String js = new String(files.readRequired(wrapped), StandardCharsets.ISO_8859_1);
        String base64;
        try {
            base64 = JsLiteral.exportedString(js);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException("Weight shard " + wrapped + " in " + files.describe()
                    + " is not a base64 string in a JavaScript wrapper (" + e.getMessage() + "). The file is"
                    + " damaged or not from nsfwjs; " + files.remedy() + ".", e);
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException("Weight shard " + wrapped + " in " + files.describe()
                    + " does not hold valid base64 (" + e.getMessage() + "). The file is damaged; "
                    + files.remedy() + ".", e);
        }
    }

    /**
     * Parses a model file's text; {@code shards} returns the bytes of a manifest path.
     */
    static TfjsModel parse(String modelJs, String origin, Function<String, byte[]> shards, String expectedWeightsSha256) {
        JsonNode root;
        try {
            String literal = JsLiteral.exportedObject(modelJs);
            root = JS_MAPPER.readTree(JsLiteral.minifiedToJson(literal));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw TfjsEntries.malformed(origin, "it does not hold a readable `exports={modelTopology:...,weightsManifest:...}`"
                    + " object literal: " + e.getMessage(), e);
        }
        JsonNode topology = root.path("modelTopology");
        if (!topology.isObject()) {
            throw TfjsEntries.malformed(origin, "the object has no `modelTopology`", null);
        }
        JsonNode modelConfig = topology.has("model_config") ? topology.get("model_config") : topology;
        String modelClass = modelConfig.path("class_name").asText("");
        if (!modelClass.equals("Model") && !modelClass.equals("Functional")) {
            throw TfjsEntries.malformed(origin, "the topology is a `" + modelClass + "`, expected a functional Keras `Model`", null);
        }
        JsonNode layerArray = modelConfig.path("config").path("layers");
        if (!layerArray.isArray() || layerArray.isEmpty()) {
            throw TfjsEntries.malformed(origin, "the topology has no `model_config.config.layers` list", null);
        }
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (JsonNode l : layerArray) {
            Layer layer = TfjsEntries.layer(l, origin);
            if (layers.put(layer.name(), layer) != null) {
                throw TfjsEntries.malformed(origin, "layer name `" + layer.name() + "` occurs twice", null);
            }
        }
        for (Layer layer : layers.values()) {
            for (String in : layer.inbound()) {
                if (!layers.containsKey(in)) {
                    throw TfjsEntries.malformed(origin, "layer `" + layer.name() + "` takes its input from `" + in
                            + "`, which is not a layer of the model", null);
                }
            }
        }

        JsonNode manifest = root.path("weightsManifest");
        if (!manifest.isArray() || manifest.isEmpty()) {
            throw TfjsEntries.malformed(origin, "the object has no `weightsManifest` list", null);
        }
        Map<String, WeightSpec> weights = new LinkedHashMap<>();
        List<byte[]> groupBytes = new ArrayList<>();
        long offset = 0;
        for (JsonNode group : manifest) {
            long groupStart = offset;
            for (JsonNode w : group.path("weights")) {
                WeightSpec spec = TfjsEntries.weight(w, offset, origin);
                if (weights.put(spec.name(), spec) != null) {
                    throw TfjsEntries.malformed(origin, "weight `" + spec.name() + "` occurs twice in the manifest", null);
                }
                offset += spec.byteLength();
            }
            long expected = offset - groupStart;
            long actual = 0;
            List<String> paths = new ArrayList<>();
            for (JsonNode p : group.path("paths")) {
                String path = p.asText();
                paths.add(path);
                byte[] bytes = shards.apply(path);
                groupBytes.add(bytes);
                actual += bytes.length;
            }
            if (actual != expected) {
                throw new ModelLoadException("The weight shards " + paths + " hold " + actual + " bytes but the"
                        + " manifest in " + origin + " describes " + expected + " bytes ("
                        + group.path("weights").size() + " tensors): a shard is truncated, damaged or from another"
                        + " model. Replace the model files with an intact copy (nsfwjs@4.4.0,"
                        + " package/dist/models/inception_v3/).");
            }
        }
        if (offset > Integer.MAX_VALUE - 16) {
            throw new ModelLoadException("The weights of " + origin + " take " + offset
                    + " bytes, more than this loader supports (2 GiB)");
        }
        byte[] all = new byte[(int) offset];
        int at = 0;
        for (byte[] b : groupBytes) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        if (expectedWeightsSha256 != null) {
            String actual = sha256(all);
            if (!actual.equalsIgnoreCase(expectedWeightsSha256)) {
                throw new ModelLoadException("The weights of " + origin + " have SHA-256 " + actual + ", expected "
                        + expectedWeightsSha256 + " (nsfwjs@4.4.0): the shard files are damaged or from another"
                        + " model version. Replace them with the files of package/dist/models/inception_v3/ from"
                        + " nsfwjs-4.4.0.tgz, or skip the check (TfjsModel.read(files, null)) for another model.");
            }
        }
        return new TfjsModel(origin, topology.path("keras_version").asText(null), layers, weights, all);
    }

    static int bytesPerValue(String storage) {
        return switch (storage) {
            case "uint8" -> 1;
            case "uint16" -> 2;
            case "float32", "int32" -> 4;
            default -> throw new IllegalArgumentException("unsupported storage type " + storage);
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the model was read from. */
    public String origin() {
        return origin;
    }

    /** The Keras version that saved the model, or null. */
    public String kerasVersion() {
        return kerasVersion;
    }

    /** The layers, keyed by name, in the order of the file (which is not creation order). */
    public Map<String, Layer> layers() {
        return layers;
    }

    /** The layer of that name; fails naming it when there is none. */
    public Layer layer(String name) {
        Layer l = layers.get(name);
        if (l == null) {
            throw new IllegalArgumentException("The model has no layer `" + name + "`");
        }
        return l;
    }

    /** The weights manifest, keyed by tensor name, in manifest (= byte) order. */
    public Map<String, WeightSpec> weights() {
        return weights;
    }

    /** Total number of weight values. */
    public long weightValueCount() {
        return weights.values().stream().mapToLong(WeightSpec::count).sum();
    }

    /** Whether a tensor of that name (e.g. {@code conv2d_1/kernel}) exists. */
    public boolean hasWeight(String name) {
        return weights.containsKey(name);
    }

    /** The shape of a weight tensor as stored (Keras layout: kernels HWIO). */
    public int[] shape(String name) {
        return spec(name).shape().clone();
    }

    /** A weight tensor dequantised to float32, in stored (row-major, Keras) layout. */
    public float[] weight(String name) {
        WeightSpec s = spec(name);
        if (s.count() > Integer.MAX_VALUE) {
            throw new IllegalStateException("weight " + name + " is too large");
        }
        int n = (int) s.count();
        float[] out = new float[n];
        int off = (int) s.byteOffset();
        String storage = s.quantization() != null ? s.quantization() : s.dtype();
        switch (storage) {
            case "uint8" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) (s.min() + s.scale() * (weightBytes[off + i] & 0xff));
                }
            }
            case "uint16" -> {
                for (int i = 0; i < n; i++) {
                    int q = (weightBytes[off + 2 * i] & 0xff) | (weightBytes[off + 2 * i + 1] & 0xff) << 8;
                    out[i] = (float) (s.min() + s.scale() * q);
                }
            }
            case "float32" -> {
                for (int i = 0; i < n; i++) {
                    int p = off + 4 * i;
                    int bits = (weightBytes[p] & 0xff) | (weightBytes[p + 1] & 0xff) << 8
                            | (weightBytes[p + 2] & 0xff) << 16 | (weightBytes[p + 3] & 0xff) << 24;
                    out[i] = Float.intBitsToFloat(bits);
                }
            }
            default -> throw new IllegalStateException("weight " + name + " is stored as " + storage
                    + ", which cannot be read as float");
        }
        return out;
    }

    /**
     * The layers that {@code outputs} depend on (themselves included), each after its inputs.
     *
     * @throws ModelLoadException when a layer is unknown or the topology has a cycle
     */
    public List<String> layersFeeding(Collection<String> outputs) {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        for (String out : outputs) {
            layer(out);
            // iterative DFS, post-order
            Deque<Object[]> stack = new ArrayDeque<>();
            if (!done.contains(out)) {
                stack.push(new Object[]{out, 0});
                onPath.add(out);
            }
            while (!stack.isEmpty()) {
                Object[] top = stack.peek();
                String name = (String) top[0];
                int next = (Integer) top[1];
                List<String> inbound = layer(name).inbound();
                if (next < inbound.size()) {
                    top[1] = next + 1;
                    String in = inbound.get(next);
                    if (onPath.contains(in)) {
                        throw new ModelLoadException("The topology has a cycle through layer `" + in + "`");
                    }
                    if (!done.contains(in)) {
                        stack.push(new Object[]{in, 0});
                        onPath.add(in);
                    }
                } else {
                    stack.pop();
                    onPath.remove(name);
                    done.add(name);
                    order.add(name);
                }
            }
        }
        return order;
    }

    private WeightSpec spec(String name) {
        WeightSpec s = weights.get(name);
        if (s == null) {
            throw new ModelLoadException("The weights manifest of " + origin + " has no tensor `" + name
                    + "`, which the topology needs: the model files do not belong together.");
        }
        return s;
    }
}
