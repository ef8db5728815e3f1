package dev.oneira.shared.moderation;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the nsfwjs classifier sees in a picture: five probabilities that sum to 1, in nsfwjs's class
 * order (drawing, hentai, neutral, porn, sexy). Made by the engine's NsfwClassifier; travels in
 * manifests and events inside a {@link Screening}.
 */
public record NsfwScores(double drawing, double hentai, double neutral, double porn, double sexy) {

    /** The class names, in the classifier's output order (nsfwjs's nsfw_classes.js, lower case). */
    public static final List<String> CLASSES = List.of("drawing", "hentai", "neutral", "porn", "sexy");

    public static NsfwScores of(float[] p) {
        if (p.length != CLASSES.size()) {
            throw new IllegalArgumentException("expected " + CLASSES.size() + " probabilities, got " + p.length);
        }
        return new NsfwScores(p[0], p[1], p[2], p[3], p[4]);
    }

    /** The sum that decides whether a picture is held for review: porn + hentai + sexy. */
    public double explicit() {
        return porn + hentai + sexy;
    }

    public Map<String, Double> byClass() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("drawing", drawing);
        m.put("hentai", hentai);
        m.put("neutral", neutral);
        m.put("porn", porn);
        m.put("sexy", sexy);
        return m;
    }

    /** The classes, most probable first. */
    public List<Map.Entry<String, Double>> ranked() {
        return byClass().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())).toList();
    }
}
