package dev.oneira.gallery.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.oneira.gallery.InputImages;
import dev.oneira.shared.spec.ChannelExamples;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.DreamSpecFields;
import dev.oneira.shared.spec.GradientMode;
import dev.oneira.shared.spec.OctaveDetail;
import dev.oneira.shared.spec.Preset;
import dev.oneira.shared.spec.Presets;
import dev.oneira.shared.spec.Strength;

/**
 * What the upload form offers, from the contracts in shared-model: preset cards, the strength slider
 * and what each strength gives per preset, the expert fields with their bounds, and the advanced
 * choices (detail, colours, gradient, channel examples). Plain Java: the page only renders it.
 */
public final class DreamForm {

    /**
     * A preset card: its name, words and example picture; {@code animated} for a preset that makes a
     * video: its example is a looping preview (static/presets/chelsea-zoom.webp is docs/images/zoom-loop.webp,
     * the preset's video of the cat photo), {@code still} a picture for people who asked for less motion.
     */
    public record PresetCard(String name, String title, String description, String example, boolean checked,
                             boolean animated, String still) {
    }

    /**
     * One expert input: name, label, bounds and hint, the value to prefill, and the placeholder that
     * says what the field is when left empty.
     */
    public record Field(String name, String label, String type, String min, String max, String step, String hint,
                        String value, String placeholder) {
    }

    /** One option of a select; {@code value} "" is "the style's choice". */
    public record Choice(String value, String label, boolean selected) {
    }

    private final Map<String, String> prefill;
    private final String chosen;
    private final int strength;
    private final boolean again;
    private final String reuseGuide;
    private final String reuseMask;
    private final String remixOf;

    /**
     * @param prefill   known spec fields from the query ("dream again" links), by name
     * @param againId   the dream this form dreams again ("dream again" links), or null
     * @param againSpec its spec when it is known here, or null: its guide image and mask are offered
     */
    public DreamForm(Map<String, String> prefill, String againId, DreamSpec againSpec) {
        this(prefill, againId, againSpec, againSpec != null);
    }

    /** @param remixable whether the new dream may name {@code againId} as its source (the viewer can see it) */
    public DreamForm(Map<String, String> prefill, String againId, DreamSpec againSpec, boolean remixable) {
        this.prefill = prefill;
        this.again = againId != null;
        this.reuseGuide = againSpec != null && againSpec.guide() ? againId : null;
        this.reuseMask = againSpec != null && againSpec.mask() ? againId : null;
        this.remixOf = remixable ? againId : null;
        this.chosen = Presets.byName(prefill.get(DreamSpecFields.PRESET)).map(Preset::name)
                .orElse(prefill.isEmpty() ? Presets.DEFAULT.name() : null);
        this.strength = parseStrength(prefill.get(DreamSpecFields.STRENGTH));
    }

    private static int parseStrength(String text) {
        try {
            int s = Integer.parseInt(text == null ? "" : text.trim());
            return s >= DreamSpec.MIN_STRENGTH && s <= DreamSpec.MAX_STRENGTH ? s : Strength.NEUTRAL;
        } catch (NumberFormatException e) {
            return Strength.NEUTRAL;
        }
    }

    public List<PresetCard> presets() {
        return Presets.EVERY.stream().map(p -> {
            boolean animated = p.spec().animation() != null;
            return new PresetCard(p.name(), p.title(), p.description(),
                    "/static/presets/chelsea-" + p.name() + (animated ? ".webp" : ".jpg"), p.name().equals(chosen),
                    animated, animated ? "/static/presets/chelsea-" + Presets.CLASSIC.name() + ".jpg" : null);
        }).toList();
    }

    /** The "Endless zoom" knobs. */
    public AnimationForm animation() {
        return new AnimationForm(prefill, chosen);
    }

    /**
     * The advanced panel opens when no preset is chosen (its fields are what counts) or when it is
     * prefilled ("dream again"), so that people see what they carry over.
     */
    public boolean advancedOpen() {
        return chosen == null || prefill.keySet().stream()
                .anyMatch(k -> !k.equals(DreamSpecFields.PRESET) && !k.equals(DreamSpecFields.STRENGTH));
    }

    public int strength() {
        return strength;
    }

    public int minStrength() {
        return DreamSpec.MIN_STRENGTH;
    }

    public int maxStrength() {
        return DreamSpec.MAX_STRENGTH;
    }

    public int neutralStrength() {
        return Strength.NEUTRAL;
    }

    /**
     * Steps per octave and step size for every preset ("" = no preset: the defaults) and strength,
     * as JSON for the page's script: {@code {"classic": [[steps, stepSize], ... strength 1..10]}}.
     * Computed here from {@link Strength} so that the page and the server never disagree.
     */
    public String strengthTable() {
        Map<String, DreamSpec> bases = new LinkedHashMap<>();
        bases.put("", DreamSpec.defaults());
        Presets.EVERY.forEach(p -> bases.put(p.name(), p.spec()));
        return bases.entrySet().stream().map(e -> "\"" + e.getKey() + "\":[" + java.util.stream.IntStream
                .rangeClosed(DreamSpec.MIN_STRENGTH, DreamSpec.MAX_STRENGTH)
                .mapToObj(s -> "[" + Strength.steps(e.getValue().stepsPerOctave(), s) + ","
                        + num(Strength.stepSize(e.getValue().stepSize(), s)) + "]")
                .collect(Collectors.joining(","))).collect(Collectors.joining("],", "{", "]}"));
    }

    /** The spec a blank expert field stands for: the chosen preset (or the defaults) at the strength. */
    private DreamSpec atStrength() {
        DreamSpec base = Optional.ofNullable(chosen).flatMap(Presets::byName).map(Preset::spec)
                .orElse(DreamSpec.defaults());
        return Strength.apply(base.toBuilder(), strength).build();
    }

    /** The expert fields; steps and step size show what preset and strength give while left empty. */
    public List<Field> fields() {
        DreamSpec d = DreamSpec.defaults();
        DreamSpec at = atStrength();
        List<Field> out = new ArrayList<>();
        out.add(new Field("stepsPerOctave", "Steps per octave", "number", "" + DreamSpec.MIN_STEPS_PER_OCTAVE,
                "" + DreamSpec.MAX_STEPS_PER_OCTAVE, "1", DreamSpec.MIN_STEPS_PER_OCTAVE + " to "
                + DreamSpec.MAX_STEPS_PER_OCTAVE + "; empty: set by style and strength", prefill.get("stepsPerOctave"),
                Integer.toString(at.stepsPerOctave())));
        out.add(new Field("stepSize", "Step size", "number", fmt(DreamSpec.MIN_STEP_SIZE), fmt(DreamSpec.MAX_STEP_SIZE),
                "0.0001", fmt(DreamSpec.MIN_STEP_SIZE) + " to " + fmt(DreamSpec.MAX_STEP_SIZE)
                + "; empty: set by style and strength", prefill.get("stepSize"), num(at.stepSize())));
        out.add(new Field("octaveFrom", "First octave", "number", "" + DreamSpec.MIN_OCTAVE, "" + DreamSpec.MAX_OCTAVE,
                "1", DreamSpec.MIN_OCTAVE + " to " + DreamSpec.MAX_OCTAVE + ", at most " + DreamSpec.MAX_OCTAVE_COUNT
                + " octaves", prefill.get("octaveFrom"), null));
        out.add(new Field("octaveTo", "Last octave", "number", "" + DreamSpec.MIN_OCTAVE, "" + DreamSpec.MAX_OCTAVE,
                "1", DreamSpec.MIN_OCTAVE + " to " + DreamSpec.MAX_OCTAVE, prefill.get("octaveTo"), null));
        out.add(new Field("octaveScale", "Octave scale", "number", fmt(DreamSpec.MIN_OCTAVE_SCALE),
                fmt(DreamSpec.MAX_OCTAVE_SCALE), "0.01", fmt(DreamSpec.MIN_OCTAVE_SCALE) + " to "
                + fmt(DreamSpec.MAX_OCTAVE_SCALE), prefill.get("octaveScale"), null));
        out.add(new Field("tileSize", "Tile size (px)", "number", "" + DreamSpec.MIN_TILE_SIZE,
                "" + DreamSpec.MAX_TILE_SIZE, "1", DreamSpec.MIN_TILE_SIZE + " to " + DreamSpec.MAX_TILE_SIZE,
                prefill.get("tileSize"), null));
        out.add(new Field("jitter", "Jitter (px)", "number", "" + DreamSpec.MIN_JITTER, "" + DreamSpec.MAX_TILE_SIZE,
                "1", DreamSpec.MIN_JITTER + " to the tile size", prefill.get("jitter"), null));
        out.add(new Field("maxSide", "Longest side (px)", "number", "" + DreamSpec.MIN_MAX_SIDE,
                "" + DreamSpec.MAX_MAX_SIDE, "1", DreamSpec.MIN_MAX_SIDE + " to " + DreamSpec.MAX_MAX_SIDE
                + " (bigger is slower)", prefill.get("maxSide"), null));
        out.add(new Field("seed", "Seed", "text", null, null, null, "a whole number from " + DreamSpec.MIN_SEED + " to "
                + DreamSpec.MAX_SEED + ", or empty for random", prefill.get("seed"), null));
        return out;
    }

    /** The free layers field's value (prefilled) and the syntax and ranges it accepts. */
    public Field layers() {
        String channels = DreamSpec.OFFERED_LAYERS.stream()
                .map(l -> l + " 0-" + (DreamSpec.LAYER_CHANNELS.get(l) - 1)).collect(Collectors.joining(", "));
        return new Field("layers", "Layers", "text", null, null, null,
                "comma-separated layer:weight or layer/channel:weight, e.g. " + DreamSpec.defaults().layersText()
                        + " or mixed4/97:1; weights " + fmt(DreamSpec.MIN_LAYER_WEIGHT) + " to "
                        + fmt(DreamSpec.MAX_LAYER_WEIGHT) + "; channels: " + channels,
                prefill.get("layers"), null);
    }

    public List<ChannelExamples.ChannelExample> channelExamples() {
        return ChannelExamples.ALL;
    }

    public List<Choice> detailChoices() {
        return choices(DreamSpecFields.DETAIL, List.of(
                new Choice(OctaveDetail.PRESERVE.wireName(), "keep the photo's fine detail", false),
                new Choice(OctaveDetail.TUTORIAL.wireName(), "as the TensorFlow tutorial (softer)", false)));
    }

    public List<Choice> gradientChoices() {
        return choices(DreamSpecFields.GRADIENT, List.of(
                new Choice(GradientMode.STD.wireName(), "standard (crisp, more fine noise)", false),
                new Choice(GradientMode.LAPLACIAN.wireName(), "Laplacian pyramid (smoother)", false)));
    }

    public List<Choice> initChoices() {
        return choices(DreamSpecFields.INIT, List.of(new Choice("image", "the photo", false),
                new Choice("noise", "noise (the photo only sets the size)", false)));
    }

    /** The dream whose guide image the form offers to use again, or null. */
    public String reuseGuide() {
        return reuseGuide;
    }

    /** The dream whose mask the form offers to use again (and the painter starts from), or null. */
    public String reuseMask() {
        return reuseMask;
    }

    public String reuseGuideUrl() {
        return reuseGuide == null ? null : Links.guide(reuseGuide);
    }

    public String reuseMaskUrl() {
        return reuseMask == null ? null : Links.mask(reuseMask);
    }

    /** (new, issue 15) The dream this form dreams again, sent as remixOf so the new dream credits it; or null. */
    public String remixOf() {
        return remixOf;
    }

    public String remixOfField() {
        return dev.oneira.gallery.RemixSource.FIELD;
    }

    /** The form field that names the dream whose guide image to use again (not a spec field). */
    public String guideFromField() {
        return InputImages.GUIDE_FROM;
    }

    public String maskFromField() {
        return InputImages.MASK_FROM;
    }

    /** What to tell people who came to dream again: the photo is not carried over; null when nothing. */
    public String reminder() {
        if (!again) {
            return null;
        }
        return "Every setting of the dream you started from is filled in below. Choose the photo again"
                + (reuseGuide != null || reuseMask != null ? "; its " + (reuseGuide != null && reuseMask != null
                ? "guide image and mask are" : reuseGuide != null ? "guide image is" : "mask is")
                + " used again unless you untick " + (reuseGuide != null && reuseMask != null ? "them" : "it")
                + " in the advanced settings." : ".")
                + (remixOf != null ? " The new dream links back to it as a remix." : "");
    }

    /** "Keep the photo's colours" is ticked. */
    public boolean keepColors() {
        return "original".equalsIgnoreCase(prefill.getOrDefault(DreamSpecFields.COLORS, "").trim());
    }

    private List<Choice> choices(String field, List<Choice> options) {
        String given = prefill.getOrDefault(field, "").trim().toLowerCase(Locale.ROOT);
        List<Choice> out = new ArrayList<>();
        out.add(new Choice("", "the style's choice", given.isEmpty()));
        options.forEach(o -> out.add(new Choice(o.value(), o.label(), o.value().equals(given))));
        return out;
    }

    /** A step size as people write it: 0.0123, never 1.23E-2. */
    static String num(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : num(v);
    }
}
