package dev.oneira.gallery.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.oneira.shared.id.DreamId;

/** Cursor tokens: the newest order's is the id (old links work), the popular one's round-trips its rank exactly. */
class GalleryCursorTest {

    @Test
    void theNewestCursorIsTheDreamId() {
        DreamId id = DreamId.next();
        GalleryCursor c = GalleryCursor.newest(id);
        assertThat(c.token()).isEqualTo(id.toString());
        assertThat(GalleryCursor.parse(id.toString())).isEqualTo(c);
    }

    @Test
    void thePopularCursorKeepsItsRankToTheLastBit() {
        DreamId id = DreamId.next();
        for (double rank : new double[] {Popularity.rank(Instant.parse("2026-12-01T10:00:00.123Z"), 7), 0.1, -3.5e-9,
                1.0 / 3, Double.MIN_VALUE}) {
            GalleryCursor c = GalleryCursor.popular(rank, id);
            assertThat(c.token()).startsWith("popular.").endsWith("." + id).matches("[a-z0-9.-]+");
            GalleryCursor back = GalleryCursor.parse(c.token());
            assertThat(back.sort()).isEqualTo(GallerySort.POPULAR);
            assertThat(Double.doubleToRawLongBits(back.rank())).isEqualTo(Double.doubleToRawLongBits(rank));
            assertThat(back.id()).isEqualTo(id);
        }
    }

    @Test
    void aCursorNotMadeHereIsRefusedSayingWhatToPass() {
        for (String bad : new String[] {"12", "popular.zz." + DreamId.next(), "popular.7ff0000000000000." + DreamId.next(),
                "popular.3ff0000000000000.not-an-id", "'; DROP TABLE dream"}) {
            assertThatThrownBy(() -> GalleryCursor.parse(bad)).as(bad).isInstanceOf(InvalidListing.class)
                    .hasMessageContaining("pass the next value of the previous page");
        }
    }

    @Test
    void sortsByNameNewestByDefault() {
        assertThat(GallerySort.parse(null)).isEqualTo(GallerySort.NEWEST);
        assertThat(GallerySort.parse(" ")).isEqualTo(GallerySort.NEWEST);
        assertThat(GallerySort.parse("Popular")).isEqualTo(GallerySort.POPULAR);
        assertThatThrownBy(() -> GallerySort.parse("best")).isInstanceOf(InvalidListing.class)
                .hasMessageContaining("sort=best").hasMessageContaining("allowed: newest, popular");
    }
}
