package dev.oneira.engine.cli;

import dev.oneira.engine.dream.DreamInputs;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.image.ImageFileException;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.DreamSpecFields;
import dev.oneira.shared.spec.InvalidSpecException;
import dev.oneira.shared.spec.Strength;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dream's settings as command-line options, shared by {@code dream} and {@code zoom}: one list
 * of options, turned into DreamSpec fields so that one parser (in shared-model) owns names and bounds.
 */
final class DreamOptions {

    @Option(names = "--preset", description = "start from a preset: classic, strokes, textures, noise (default: classic settings)")
    String preset;

    @Option(names = "--layers", description = "layers and weights, e.g. mixed3:1,mixed5:1, or one channel of a layer, e.g. mixed4/97:1: " + DreamSpec.MIN_LAYERS + " to " + DreamSpec.MAX_LAYERS + " of mixed0..mixed5, weights " + DreamSpec.MIN_LAYER_WEIGHT + " to " + DreamSpec.MAX_LAYER_WEIGHT + " (a channel out of its layer's range is refused with every layer's range)")
    String layers;

    @Option(names = "--octaves", description = "octave exponents FROM..TO, e.g. -2..2: each " + DreamSpec.MIN_OCTAVE + " to " + DreamSpec.MAX_OCTAVE + ", at most " + DreamSpec.MAX_OCTAVE_COUNT + " octaves")
    String octaves;

    @Option(names = "--octave-scale", description = "size ratio between octaves, " + DreamSpec.MIN_OCTAVE_SCALE + " to " + DreamSpec.MAX_OCTAVE_SCALE + " (default " + DreamSpec.DEFAULT_OCTAVE_SCALE + ")")
    String octaveScale;

    @Option(names = "--steps", description = "gradient steps per octave, " + DreamSpec.MIN_STEPS_PER_OCTAVE + " to " + DreamSpec.MAX_STEPS_PER_OCTAVE + " (classic: " + DreamSpec.DEFAULT_STEPS_PER_OCTAVE + ")")
    String steps;

    @Option(names = "--step-size", description = "how far each step moves the image, " + DreamSpec.MIN_STEP_SIZE + " to " + DreamSpec.MAX_STEP_SIZE + " (default " + DreamSpec.DEFAULT_STEP_SIZE + ")")
    String stepSize;

    @Option(names = "--tile", description = "tile side in pixels for the gradient, " + DreamSpec.MIN_TILE_SIZE + " to " + DreamSpec.MAX_TILE_SIZE + " (default " + DreamSpec.DEFAULT_TILE_SIZE + ")")
    String tile;

    @Option(names = "--jitter", description = "largest random roll in pixels, 0 (none) to the tile size (default: the tile size)")
    String jitter;

    @Option(names = "--seed", description = "random seed, " + DreamSpec.MIN_SEED + " to " + DreamSpec.MAX_SEED + "; the same seed and input give the same dream (on CPU)")
    String seed;

    @Option(names = "--max-side", description = "scale the photo down so its longer side is at most this, " + DreamSpec.MIN_MAX_SIDE + " to " + DreamSpec.MAX_MAX_SIDE + " (default " + DreamSpec.DEFAULT_MAX_SIDE + ")")
    String maxSide;

    @Option(names = "--init", description = "image (dream on the photo) or noise (dream from smooth noise)")
    String init;

    @Option(names = "--strength", description = "how much to dream, " + DreamSpec.MIN_STRENGTH + " (a hint) to " + DreamSpec.MAX_STRENGTH + " (the photo nearly gone); " + Strength.NEUTRAL + " is the preset as tuned; sets --steps and --step-size unless they are given")
    String strength;

    @Option(names = "--octave-detail", paramLabel = "preserve|tutorial", description = "preserve (default): every octave starts from the photo plus the dream's detail, so the photo stays sharp; tutorial: the dream itself is resized between octaves, as the TensorFlow tutorial")
    String octaveDetail;

    @Option(names = "--keep-colors", description = "keep the photo's colours: the dream changes brightness only")
    boolean keepColors;

    @Option(names = "--gradient", paramLabel = "std|laplacian", description = "std (default): each step divided by its standard deviation; laplacian: normalised per Laplacian pyramid level, smoother")
    String gradient;

    @Option(names = "--guide", paramLabel = "FILE", description = "a guide image (JPEG or PNG): the dream grows the features it sees in the guide")
    Path guide;

    @Option(names = "--mask", paramLabel = "FILE", description = "where to dream (JPEG or PNG, scaled to the photo): white dreams, black (or transparent) keeps the photo, greys blend")
    Path mask;

    /** The photo fitted to the spec's max side, with the guide and mask when given. */
    record Inputs(BufferedImage photo, DreamInputs planes) {}

    DreamSpec spec() throws InvalidSpecException {
        return DreamSpecFields.parse(fields());
    }

    /** The spec with {@code more} fields (a command's own) on top of these options. */
    DreamSpec spec(Map<String, String> more) throws InvalidSpecException {
        Map<String, String> all = fields();
        all.putAll(more);
        return DreamSpecFields.parse(all);
    }

    Inputs read(Path input, DreamSpec spec) throws ImageFileException {
        BufferedImage photo = ImageFiles.fitWithin(ImageFiles.read(input), spec.maxSide());
        DreamInputs inputs = DreamInputs.of(ImageConversions.toPlanes(photo));
        if (guide != null) {
            inputs = inputs.withGuide(ImageConversions.toPlanes(ImageFiles.read(guide)));
        }
        if (mask != null) {
            inputs = inputs.withMask(ImageConversions.toMask(ImageFiles.readMask(mask)));
        }
        return new Inputs(photo, inputs);
    }

    /** The options as DreamSpec fields, so one parser (in shared-model) owns names and bounds. */
    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "preset", preset);
        put(f, "layers", layers);
        put(f, "octaves", octaves);
        put(f, "octaveScale", octaveScale);
        put(f, "stepsPerOctave", steps);
        put(f, "stepSize", stepSize);
        put(f, "tileSize", tile);
        put(f, "jitter", jitter);
        put(f, "seed", seed);
        put(f, "maxSide", maxSide);
        put(f, "init", init);
        put(f, "strength", strength);
        put(f, "detail", octaveDetail);
        put(f, "colors", keepColors ? "original" : null);
        put(f, "gradient", gradient);
        put(f, "guide", guide != null ? "true" : null);
        put(f, "mask", mask != null ? "true" : null);
        return f;
    }

    private static void put(Map<String, String> f, String key, String value) {
        if (value != null) {
            f.put(key, value);
        }
    }
}
