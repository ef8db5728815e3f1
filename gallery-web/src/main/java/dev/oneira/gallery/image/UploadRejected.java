package dev.oneira.gallery.image;

/**
 * An upload we will not dream, with the HTTP status and the words to tell the person: {@code title}
 * is short, {@code detail} says what was wrong with this upload and what is accepted.
 */
public class UploadRejected extends RuntimeException {

    public static final String ACCEPTED = "JPEG, PNG, WebP or GIF (first frame)";

    private final int status;
    private final String title;

    public UploadRejected(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
