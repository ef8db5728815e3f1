package dev.oneira.shared.spec;

/**
 * The one control people understand: strength 1 (a hint) to 10 (the photo nearly gone), mapped
 * onto the expert fields stepsPerOctave and stepSize. Strength {@value #NEUTRAL} is a preset as it
 * was tuned; each step of strength multiplies the amount of dreaming (steps x step size) by
 * 2^(1/2.5), about 1.32, shared evenly between more steps and longer steps: strength 1 dreams about
 * a third as much, strength 10 four times as much. Like {@code preset}, the strength is recorded in
 * the spec as a label; stepsPerOctave and stepSize are what count.
 */
public final class Strength {

    /** The strength a preset's own values stand for; what a form's slider starts on. */
    public static final int NEUTRAL = 5;
    /** Strength steps per doubling of the amount of dreaming. */
    static final double STEPS_PER_DOUBLING = 2.5;

    private Strength() {
    }

    /** How much more (or less) dreaming than the preset this strength asks for. */
    public static double amount(int strength) {
        return Math.pow(2, (strength - NEUTRAL) / STEPS_PER_DOUBLING);
    }

    /** Steps per octave at this strength, from the preset's (tuned) steps; within DreamSpec's bounds. */
    public static int steps(int presetSteps, int strength) {
        long steps = Math.round(presetSteps * Math.sqrt(amount(strength)));
        return (int) Math.max(DreamSpec.MIN_STEPS_PER_OCTAVE, Math.min(DreamSpec.MAX_STEPS_PER_OCTAVE, steps));
    }

    /** Step size at this strength, from the preset's; within DreamSpec's bounds. */
    public static double stepSize(double presetStepSize, int strength) {
        double size = presetStepSize * Math.sqrt(amount(strength));
        // Rounded to 6 decimals so that forms and texts show and read back the same number.
        size = Math.round(size * 1e6) / 1e6;
        return Math.max(DreamSpec.MIN_STEP_SIZE, Math.min(DreamSpec.MAX_STEP_SIZE, size));
    }

    /**
     * Sets strength, stepsPerOctave and stepSize on a builder that holds a preset's (or the
     * defaults') values. A strength out of bounds is recorded unchanged for validation to report.
     */
    public static DreamSpecBuilder apply(DreamSpecBuilder builder, int strength) {
        builder.strength(strength);
        if (strength >= DreamSpec.MIN_STRENGTH && strength <= DreamSpec.MAX_STRENGTH) {
            builder.stepsPerOctave(steps(builder.stepsPerOctave(), strength))
                    .stepSize(stepSize(builder.stepSize(), strength));
        }
        return builder;
    }
}
