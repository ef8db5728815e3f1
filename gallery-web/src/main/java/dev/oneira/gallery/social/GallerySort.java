package dev.oneira.gallery.social;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The gallery's orders: {@code newest} (the default) and {@code popular} ({@link Popularity}). */
public enum GallerySort {
    NEWEST, POPULAR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The sort named {@code value}; null or blank is {@link #NEWEST}. */
    public static GallerySort parse(String value) {
        if (value == null || value.isBlank()) {
            return NEWEST;
        }
        for (GallerySort s : values()) {
            if (s.wireName().equalsIgnoreCase(value.trim())) {
                return s;
            }
        }
        throw new InvalidListing("Unknown sort", "sort=" + dev.oneira.shared.text.InputEcho.of(value) + " is not an order of the gallery; allowed: "
                + Arrays.stream(values()).map(GallerySort::wireName).collect(Collectors.joining(", "))
                + " (newest when left out).");
    }
}
