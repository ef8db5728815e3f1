package dev.oneira.gallery.social;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.text.InputEcho;

/**
 * Where a gallery page ends, as a token for the next page's link: keyset, never an offset, so dreams
 * added meanwhile neither repeat nor push others off a page. The newest order's token is the last
 * dream's id (as before issue 12, so old links keep working: ids are UUIDv7, their order is their age).
 * The popular order's is {@code popular.<rank>.<id>}: the last dream's stored {@link Popularity#rank}
 * (its IEEE bits in hex, so it round-trips exactly) and its id for ties. The rank does not move with
 * time (see {@link Popularity}), so the token needs no snapshot time; only new likes move a dream.
 */
public record GalleryCursor(GallerySort sort, double rank, DreamId id) {

    private static final Pattern POPULAR = Pattern.compile("popular\\.([0-9a-f]{1,16})\\.([0-9a-fA-F-]{36})");

    public static GalleryCursor newest(DreamId id) {
        return new GalleryCursor(GallerySort.NEWEST, 0, id);
    }

    public static GalleryCursor popular(double rank, DreamId id) {
        return new GalleryCursor(GallerySort.POPULAR, rank, id);
    }

    public String token() {
        return sort == GallerySort.NEWEST ? id.toString()
                : "popular." + Long.toHexString(Double.doubleToRawLongBits(rank)) + "." + id;
    }

    /** The cursor in {@code token}, or an {@link InvalidListing} saying what a cursor looks like. */
    public static GalleryCursor parse(String token) {
        String t = token.trim();
        if (DreamId.isValid(t)) {
            return newest(DreamId.parse(t));
        }
        Matcher m = POPULAR.matcher(t);
        if (m.matches() && DreamId.isValid(m.group(2))) {
            double rank = Double.longBitsToDouble(Long.parseUnsignedLong(m.group(1), 16));
            if (Double.isFinite(rank)) {
                return popular(rank, DreamId.parse(m.group(2)));
            }
        }
        throw new InvalidListing("Bad cursor", "The cursor \"" + InputEcho.of(t) + "\" is not one this gallery"
                + " handed out: pass the next value of the previous page as it was, or leave cursor out for the"
                + " first page.");
    }
}
