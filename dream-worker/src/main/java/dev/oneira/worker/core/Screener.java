package dev.oneira.worker.core;

import java.awt.image.BufferedImage;
import java.time.Instant;

import dev.oneira.shared.moderation.Approval;
import dev.oneira.shared.moderation.NsfwScores;
import dev.oneira.shared.moderation.Screening;

/**
 * Screens a dream's pictures before it is dreamt (issue 12): the original, and the guide image when
 * the dream has one, each through the nsfwjs classifier; the dream is held for review when the more
 * explicit of them reaches the threshold (porn + hentai + sexy, {@link Screening#of}). No framework
 * here: the Quarkus shell hands in the engine's classifier and the configured threshold.
 */
public final class Screener {

    /** What the nsfwjs classifier sees in one picture (the engine's {@code NsfwClassifier}). */
    @FunctionalInterface
    public interface Classifier {
        NsfwScores classify(BufferedImage picture);
    }

    private final Classifier classifier;
    private final double threshold;

    /** @throws IllegalArgumentException when the threshold is not between 0 and 1 */
    public Screener(Classifier classifier, double threshold) {
        this.classifier = classifier;
        this.threshold = checkThreshold(threshold);
    }

    /**
     * The threshold, when it is one: 0 holds every dream, 1 only pictures the classifier is certain
     * are explicit.
     *
     * @throws IllegalArgumentException in words that say what is allowed
     */
    public static double checkThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the hold threshold must be a number from 0 to 1 (the share of"
                    + " porn + hentai + sexy at which a dream is held for review; 0 holds every dream), not "
                    + threshold);
        }
        return threshold;
    }

    public double threshold() {
        return threshold;
    }

    /** Classifies the original and the guide image (null: none) once each. */
    public Screening screen(BufferedImage original, BufferedImage guide) {
        NsfwScores originalScores = classifier.classify(original);
        NsfwScores guideScores = guide == null ? null : classifier.classify(guide);
        return Screening.of(originalScores, guideScores, threshold, Instant.now());
    }

    /**
     * Whether the dream waits for a moderator instead of being dreamt: screened at or above the
     * threshold and not released. A moderator's approval wins over any screening.
     */
    public static boolean holds(Screening screening, Approval approval) {
        return screening.held() && approval == null;
    }
}
