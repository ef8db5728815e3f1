package dev.oneira.shared.spec;

import static dev.oneira.shared.spec.DreamSpec.*;

import dev.oneira.shared.text.InputEcho;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The checks behind {@link DreamSpec#violations()}; each message names field, allowed range and value. */
final class DreamSpecValidator {

    private static final Pattern PRESET_NAME = Pattern.compile("[a-z0-9-]{1," + MAX_PRESET_NAME_LENGTH + "}");

    private final List<SpecViolation> found = new ArrayList<>();

    private DreamSpecValidator() {
    }

    static List<SpecViolation> violations(DreamSpec spec) {
        DreamSpecValidator v = new DreamSpecValidator();
        v.checkModel(spec.model());
        v.checkLayers(spec.layers());
        v.checkOctaves(spec.octaveFrom(), spec.octaveTo());
        v.range("octaveScale", spec.octaveScale(), MIN_OCTAVE_SCALE, MAX_OCTAVE_SCALE);
        v.range("stepsPerOctave", spec.stepsPerOctave(), MIN_STEPS_PER_OCTAVE, MAX_STEPS_PER_OCTAVE);
        v.range("stepSize", spec.stepSize(), MIN_STEP_SIZE, MAX_STEP_SIZE);
        v.range("tileSize", spec.tileSize(), MIN_TILE_SIZE, MAX_TILE_SIZE);
        if (spec.jitter() < MIN_JITTER || spec.jitter() > spec.tileSize()) {
            v.add("jitter", "jitter must be between " + MIN_JITTER + " and the tileSize " + spec.tileSize()
                    + " (was " + spec.jitter() + ")");
        }
        if (spec.seed() != null) {
            v.range("seed", spec.seed(), MIN_SEED, MAX_SEED);
        }
        v.range("maxSide", spec.maxSide(), MIN_MAX_SIDE, MAX_MAX_SIDE);
        if (spec.init() == null) {
            v.add("init", "init must be one of " + InitMode.wireNames() + " (was missing)");
        }
        if (spec.preset() != null && !PRESET_NAME.matcher(spec.preset()).matches()) {
            v.add("preset", "preset must be 1 to " + MAX_PRESET_NAME_LENGTH
                    + " lowercase letters, digits or dashes (was " + InputEcho.of(spec.preset()) + ")");
        }
        return List.copyOf(v.found);
    }

    private void checkModel(String model) {
        if (model == null || !OFFERED_MODELS.contains(model)) {
            add("model", "model must be one of " + String.join(", ", OFFERED_MODELS) + " (was "
                    + (model == null ? "missing" : InputEcho.of(model)) + ")");
        }
    }

    private void checkLayers(List<LayerWeight> layers) {
        if (layers.size() < MIN_LAYERS || layers.size() > MAX_LAYERS) {
            add("layers", "layers must have between " + MIN_LAYERS + " and " + MAX_LAYERS + " entries (was "
                    + layers.size() + ")");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        boolean anyNonZero = false;
        boolean anyEntry = false;
        for (int i = 0; i < layers.size(); i++) {
            LayerWeight entry = layers.get(i);
            if (entry == null || entry.layer() == null) {
                add("layers", "layers[" + i + "] must name one of " + String.join(", ", OFFERED_LAYERS)
                        + " (was missing)");
                continue;
            }
            anyEntry = true;
            String name = entry.layer();
            if (!OFFERED_LAYERS.contains(name)) {
                add("layers", "layers[" + i + "] must name one of " + String.join(", ", OFFERED_LAYERS) + " (was "
                        + InputEcho.of(name) + ")" + (RETRAINED_LAYERS.contains(name) ? retrainedNote() : ""));
            }
            counts.merge(name, 1, Integer::sum);
            double w = entry.weight();
            if (!(w >= MIN_LAYER_WEIGHT && w <= MAX_LAYER_WEIGHT)) {
                add("layers", "layers[" + i + "] weight for " + InputEcho.of(name) + " must be between "
                        + Numbers.format(MIN_LAYER_WEIGHT) + " and " + Numbers.format(MAX_LAYER_WEIGHT) + " (was "
                        + Numbers.format(w) + ")");
            }
            anyNonZero |= w != 0;
        }
        counts.forEach((name, count) -> {
            if (count > 1) {
                add("layers", "layers must name each layer at most once (" + InputEcho.of(name)
                        + " was given " + count + " times)");
            }
        });
        if (anyEntry && !anyNonZero) {
            add("layers", "layers weights must not all be zero (was "
                    + layers.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("") + ")");
        }
    }

    private static String retrainedNote() {
        return "; " + RETRAINED_LAYERS.get(0) + " to " + RETRAINED_LAYERS.get(RETRAINED_LAYERS.size() - 1)
                + " were retrained for NSFW classification in this model and are not offered";
    }

    private void checkOctaves(int from, int to) {
        boolean fromOk = range("octaveFrom", from, MIN_OCTAVE, MAX_OCTAVE);
        boolean toOk = range("octaveTo", to, MIN_OCTAVE, MAX_OCTAVE);
        if (!fromOk || !toOk) {
            return;
        }
        if (from > to) {
            add("octaveTo", "octaveTo must be at least octaveFrom (was octaveFrom " + from + ", octaveTo " + to + ")");
        } else if (to - from + 1 > MAX_OCTAVE_COUNT) {
            add("octaves", "octaves must span at most " + MAX_OCTAVE_COUNT + " octaves, octaveFrom to octaveTo inclusive"
                    + " (was " + from + ".." + to + ", " + (to - from + 1) + " octaves)");
        }
    }

    private boolean range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            add(field, field + " must be between " + min + " and " + max + " (was " + value + ")");
            return false;
        }
        return true;
    }

    private void range(String field, double value, double min, double max) {
        // Written so that NaN fails too.
        if (!(value >= min && value <= max)) {
            add(field, field + " must be between " + Numbers.format(min) + " and " + Numbers.format(max) + " (was "
                    + Numbers.format(value) + ")");
        }
    }

    private void add(String field, String message) {
        found.add(new SpecViolation(field, message));
    }
}
