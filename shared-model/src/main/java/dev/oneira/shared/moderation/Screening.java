package dev.oneira.shared.moderation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The worker's screening of a dream's inputs before dreaming: the classifier's scores for the
 * original and, when the dream has one, the guide image; the hold threshold the worker used; and
 * whether that held the dream for review. A dream is held when the larger explicit score (porn +
 * hentai + sexy) of its pictures reaches the threshold, so threshold 0 holds everything.
 */
public record Screening(NsfwScores original,
                        @JsonInclude(JsonInclude.Include.NON_NULL) NsfwScores guide,
                        double threshold, boolean held, Instant at) {

    public Screening {
        if (original == null || at == null) {
            throw new IllegalArgumentException("a screening needs the original's scores and a time");
        }
        checkThreshold(threshold);
    }

    /** The screening of these pictures against this threshold; {@code guide} is null without a guide image. */
    public static Screening of(NsfwScores original, NsfwScores guide, double threshold, Instant at) {
        checkThreshold(threshold);
        double explicit = explicit(original, guide);
        return new Screening(original, guide, threshold, explicit >= threshold, at);
    }

    /** The larger explicit score of the screened pictures: the number compared with the threshold. */
    @JsonIgnore
    public double explicit() {
        return explicit(original, guide);
    }

    private static double explicit(NsfwScores original, NsfwScores guide) {
        return guide == null ? original.explicit() : Math.max(original.explicit(), guide.explicit());
    }

    private static void checkThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the hold threshold is a probability from 0 to 1 (0 holds every dream), was "
                    + threshold);
        }
    }
}
