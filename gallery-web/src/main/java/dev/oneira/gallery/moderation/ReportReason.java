package dev.oneira.gallery.moderation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Why a dream is reported: the short list offered on every dream's page and in the API. */
public enum ReportReason {
    SEXUAL("Sexual or nude content"),
    VIOLENCE("Violence or gore"),
    HATE("Hate or harassment"),
    PRIVACY("Someone's private photo, or shared without consent"),
    SPAM("Spam or advertising"),
    OTHER("Something else (say what below)");

    private final String label;

    ReportReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The name in forms and JSON: {@code sexual}, {@code violence}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static String allowed() {
        return Arrays.stream(values()).map(ReportReason::wireName).collect(Collectors.joining(", "));
    }

    /** The reason by its wire name, or a {@link ModerationRefused} naming the allowed ones. */
    public static ReportReason parse(String text) {
        if (text != null) {
            for (ReportReason r : values()) {
                if (r.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
        }
        throw new ModerationRefused(ModerationRefused.Kind.INVALID, "Invalid report reason",
                "reason must be one of " + allowed() + (text == null ? " (it was missing)." : "."));
    }
}
