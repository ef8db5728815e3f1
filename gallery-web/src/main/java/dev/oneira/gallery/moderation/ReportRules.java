package dev.oneira.gallery.moderation;

/** The rules of reports, apart from where they are stored: what a report may say, when reports hide a dream. */
public final class ReportRules {

    /** Longest free text a report may carry, in characters. */
    public static final int MAX_NOTE = 500;

    private ReportRules() {
    }

    /** Open reports from distinct clients at or above the threshold hide the dream until it is reviewed. */
    public static boolean hides(int openReports, int threshold) {
        return openReports >= Math.max(1, threshold);
    }

    /** The note as stored: trimmed, null when empty; longer than {@link #MAX_NOTE} is refused. */
    public static String note(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.length() > MAX_NOTE) {
            throw new ModerationRefused(ModerationRefused.Kind.INVALID, "Report text too long", "The text of a"
                    + " report may be at most " + MAX_NOTE + " characters; it was " + t.length() + ".");
        }
        return t;
    }
}
