package dev.oneira.gallery.moderation;

/**
 * A moderation request that cannot be carried out, in words for the person who sent it. The kind says
 * what sort of refusal it is; the HTTP edge ({@link ModerationProblems}) turns it into a status code.
 */
public class ModerationRefused extends RuntimeException {

    public enum Kind {
        /** The input is wrong (names what is allowed). */
        INVALID,
        /** There is no such dream (any more). */
        NOT_FOUND,
        /** The dream is not in the state the action needs (not held, not hidden). */
        CONFLICT,
        /** Too many reports or login attempts for now. */
        TOO_MANY,
        /** Not allowed from here (a request from another site). */
        FORBIDDEN
    }

    private final Kind kind;
    private final String title;
    private final long retryAfterSeconds;

    public ModerationRefused(Kind kind, String title, String detail) {
        this(kind, title, detail, 0);
    }

    public ModerationRefused(Kind kind, String title, String detail, long retryAfterSeconds) {
        super(detail);
        this.kind = kind;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Kind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Seconds until a TOO_MANY refusal no longer applies; 0 otherwise. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
