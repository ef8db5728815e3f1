package dev.oneira.gallery.social;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.oneira.gallery.db.DreamRows;
import dev.oneira.gallery.db.PopularRows;
import dev.oneira.gallery.index.DreamEntry;

/** The public gallery a page at a time, newest or most popular first, from a {@link GalleryCursor}. */
@Singleton
public class GalleryListing {

    private final DreamRows rows;
    private final PopularRows popular;

    @Inject
    public GalleryListing(DreamRows rows) {
        this.rows = rows;
        this.popular = new PopularRows(rows);
    }

    /** One page: its order, its dreams, and the token of the next page (null on the last). */
    public record GalleryPage(GallerySort sort, List<DreamEntry> dreams, String next) {
    }

    /**
     * The page that {@code sort} and {@code cursor} (either may be null) ask for; an {@link InvalidListing}
     * for an unknown sort, a cursor we did not make, or a cursor of the other order. Without sort, the
     * cursor's own order.
     */
    public GalleryPage page(String sort, String cursor, int limit) {
        GalleryCursor from = cursor == null || cursor.isBlank() ? null : GalleryCursor.parse(cursor);
        GallerySort order = sort == null || sort.isBlank() ? (from == null ? GallerySort.NEWEST : from.sort())
                : GallerySort.parse(sort);
        if (from != null && from.sort() != order) {
            throw new InvalidListing("Cursor of another order", "This cursor continues the " + from.sort().wireName()
                    + " order, not the " + order.wireName() + " one: pass sort=" + from.sort().wireName()
                    + " with it, or leave sort out.");
        }
        return page(order, from, limit);
    }

    /** As {@link #page(String, String, int)}, for the pages: what is not understood is left out, not refused. */
    public GalleryPage lenientPage(String sort, String cursor, int limit) {
        GallerySort order;
        try {
            order = GallerySort.parse(sort);
        } catch (InvalidListing e) {
            order = GallerySort.NEWEST;
        }
        try {
            return page(sort == null || sort.isBlank() ? null : order.wireName(), cursor, limit);
        } catch (InvalidListing e) {
            return page(order, null, limit);
        }
    }

    public GalleryPage page(GallerySort sort, GalleryCursor from, int limit) {
        if (sort == GallerySort.POPULAR) {
            PopularRows.RankedPage p = from == null ? popular.popularPage(0, null, limit)
                    : popular.popularPage(from.rank(), from.id(), limit);
            return new GalleryPage(sort, p.dreams(), p.next() == null ? null
                    : GalleryCursor.popular(p.nextRank(), p.next()).token());
        }
        DreamRows.Page p = rows.page(from == null ? null : from.id(), limit);
        return new GalleryPage(sort, p.dreams(), p.next() == null ? null : GalleryCursor.newest(p.next()).token());
    }
}
