package dev.oneira.gallery.social;

/** A gallery listing asked for with a sort or cursor we do not know; {@code detail} says what is allowed. */
public final class InvalidListing extends RuntimeException {

    private final String title;

    public InvalidListing(String title, String detail) {
        super(detail);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
