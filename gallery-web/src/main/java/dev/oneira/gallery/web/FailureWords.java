package dev.oneira.gallery.web;

import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import dev.oneira.shared.event.FailureCode;

/**
 * The failure reason a person is shown. A reason that reads like a machine's (an exception class, a
 * URL, a bucket or object key) is replaced by plain words for its code and logged: a manifest written
 * before the workers wrote plain words, or by a worker with a bug, still shows nothing internal.
 */
final class FailureWords {

    private static final Logger LOG = Logger.getLogger(FailureWords.class);

    private static final Pattern TECHNICAL = Pattern.compile(
            "(?i)(\\w+\\.)+\\w*(exception|error)\\b|\\b\\w*Exception\\b|://|\\bbucket\\b|\\bs3\\b|"
                    + "\\b(originals|dreams|manifests|previews|thumbs)/[0-9a-f-]{8,}|\\bat [\\w.$]+\\(");

    private FailureWords() {
    }

    static String of(String reason, FailureCode code, String dreamId) {
        if (reason != null && !reason.isBlank() && !TECHNICAL.matcher(reason).find()) {
            return reason;
        }
        if (reason != null && !reason.isBlank()) {
            LOG.infof("dream %s: showing plain words instead of its recorded reason: %s", dreamId, reason);
        }
        return plain(code);
    }

    static String plain(FailureCode code) {
        return switch (code == null ? FailureCode.INTERNAL : code) {
            case UNDECODABLE_IMAGE -> "The photo could not be read. Please upload it again, as a JPEG, PNG, WebP"
                    + " or GIF image.";
            case INVALID_SPEC -> "These dream settings cannot be dreamt. Please choose other settings and try again.";
            case STORAGE_UNAVAILABLE -> "Our picture store could not be reached while dreaming. Please try again"
                    + " in a few minutes.";
            case MESSAGING_UNAVAILABLE -> "Your dream could not be passed on to the dreamers. Please try again in a"
                    + " few minutes.";
            case CANCELLED -> "The dream was cancelled.";
            case INTERNAL -> "Something went wrong on our side while dreaming; it has been logged. Please try again.";
        };
    }
}
