package dev.oneira.gallery.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.oneira.gallery.db.DreamRows;
import dev.oneira.gallery.db.LikeRows;
import dev.oneira.gallery.db.ReadModelDatabase;
import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.moderation.NsfwScores;
import dev.oneira.shared.moderation.Screening;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.LayerWeight;

/**
 * Likes and both gallery orders in a real PostgreSQL (TestPostgres, migrations by Flyway): one like per
 * client, unlike, the popular order, and keyset pages that cover every dream once while others arrive.
 */
class LikesInPostgresTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private DreamRows rows;
    private LikeRows likes;
    private GalleryListing listing;

    @BeforeEach
    void freshDatabase() {
        rows = new DreamRows(ReadModelDatabase.fresh());
        likes = new LikeRows(rows);
        listing = new GalleryListing(rows);
    }

    static DreamManifest done(Instant at) {
        DreamSpec spec = DreamSpec.builder().layers(List.of(LayerWeight.of("mixed3", 1))).octaveFrom(0).octaveTo(0)
                .stepsPerOctave(10).maxSide(96).seed(1L).build();
        return DreamManifest.queued(DreamId.next(), spec, 96, 72, at, Visibility.PUBLIC, "hash")
                .dreaming(spec, "worker-1", at).done(spec, 96, 72, at, 900, "worker-1");
    }

    private DreamManifest stored(Instant at) {
        DreamManifest m = done(at);
        rows.insert(m);
        return m;
    }

    private int count(DreamId id) {
        return rows.find(id).orElseThrow().entry().likes();
    }

    private void like(DreamId id, int times) {
        for (int i = 0; i < times; i++) {
            likes.like(id, "client-" + i, Likes::allow);
        }
    }

    @Test
    void aClientLikesADreamOnceAndCanTakeItBack() {
        DreamId id = stored(T0).id();
        assertThat(likes.like(id, "a", Likes::allow)).contains(new LikeRows.State(1, true));
        assertThat(likes.like(id, "a", Likes::allow)).as("the second like is a no-op").contains(new LikeRows.State(1, true));
        assertThat(count(id)).isEqualTo(1);
        assertThat(likes.like(id, "b", Likes::allow)).contains(new LikeRows.State(2, true));
        assertThat(likes.likedAmong("a", List.of(id, DreamId.next()))).containsExactly(id);
        assertThat(likes.likedAmong("c", List.of(id))).isEmpty();

        assertThat(likes.unlike(id, "a")).contains(new LikeRows.State(1, false));
        assertThat(likes.unlike(id, "a")).as("unliking twice changes nothing").contains(new LikeRows.State(1, false));
        assertThat(likes.unlike(id, "never-liked")).contains(new LikeRows.State(1, false));
        assertThat(count(id)).isEqualTo(1);
        assertThat(likes.likedAmong("a", List.of(id))).isEmpty();
        assertThat(likes.like(DreamId.next(), "a", Likes::allow)).as("no such dream").isEmpty();
    }

    @Test
    void onlyPublicFinishedDreamsCanBeLikedAndNothingIsWrittenOtherwise() {
        DreamManifest hidden = done(T0).withVisibility(Visibility.HIDDEN);
        rows.insert(hidden);
        assertThatThrownBy(() -> likes.like(hidden.id(), "a", Likes::allow)).isInstanceOf(Likes.Refused.class)
                .hasMessageContaining("only public dreams can be liked")
                .extracting(e -> ((Likes.Refused) e).reason()).isEqualTo(Likes.Refusal.NOT_PUBLIC);
        DreamSpec spec = DreamSpec.builder().layers(List.of(LayerWeight.of("mixed3", 1))).build();
        DreamManifest queued = DreamManifest.queued(DreamId.next(), spec, 96, 72, T0, Visibility.PUBLIC, "hash");
        rows.insert(queued);
        assertThatThrownBy(() -> likes.like(queued.id(), "a", Likes::allow)).isInstanceOf(Likes.Refused.class)
                .hasMessageContaining("status is queued").hasMessageContaining("only finished dreams (status done)");
        assertThat(count(hidden.id())).isZero();
        assertThat(likes.likedAmong("a", List.of(hidden.id(), queued.id()))).isEmpty();
    }

    @Test
    void deletingADreamDeletesItsLikes() {
        DreamId id = stored(T0).id();
        like(id, 2);
        rows.delete(id);
        assertThat(likes.likedAmong("client-0", List.of(id))).isEmpty();
        rows.insert(done(T0));
    }

    @Test
    void popularIsMoreLikesFirstAndOlderLowerAtEqualLikes() {
        DreamId none = stored(T0).id();
        DreamId one = stored(T0).id();
        DreamId three = stored(T0).id();
        DreamId olderThree = stored(T0.minus(Duration.ofHours(3))).id();
        DreamId newerNone = stored(T0.plus(Duration.ofHours(1))).id();
        DreamId dayOlderThree = stored(T0.minus(Duration.ofDays(1))).id();
        like(one, 1);
        like(three, 3);
        like(olderThree, 3);
        like(dayOlderThree, 3);

        List<DreamId> popular = ids(listing.page(GallerySort.POPULAR, null, 10).dreams());
        assertThat(popular).containsExactly(three, olderThree, dayOlderThree, one, newerNone, none);
        // a day older with 3 likes (two doublings of likes + 1) still beats a fresh dream without likes
        assertThat(popular.indexOf(dayOlderThree)).isLessThan(popular.indexOf(newerNone));
        // unliking moves a dream back down
        likes.unlike(three, "client-0");
        likes.unlike(three, "client-1");
        likes.unlike(three, "client-2");
        assertThat(ids(listing.page(GallerySort.POPULAR, null, 10).dreams()).indexOf(three))
                .isGreaterThan(popular.indexOf(one));
    }

    @Test
    void keysetPagesCoverEveryDreamOnceWhileDreamsAreAdded() {
        Random random = new Random(7);
        for (GallerySort sort : GallerySort.values()) {
            freshDatabase();
            Set<DreamId> before = new HashSet<>();
            for (int i = 0; i < 17; i++) {
                // some share a creation time and a like count: the id breaks the tie
                DreamId id = stored(T0.minus(Duration.ofHours(random.nextInt(4) * 6L))).id();
                like(id, random.nextInt(3) * 2);
                before.add(id);
            }
            List<DreamId> seen = new ArrayList<>();
            GalleryListing.GalleryPage page = listing.page(sort.wireName(), null, 4);
            int pages = 1;
            seen.addAll(ids(page.dreams()));
            while (page.next() != null) {
                // new dreams arrive (some liked at once) between the pages
                DreamId added = stored(Instant.now().truncatedTo(ChronoUnit.MILLIS)).id();
                like(added, random.nextInt(3));
                page = listing.page(null, page.next(), 4); // the cursor carries its order
                assertThat(page.sort()).isEqualTo(sort);
                seen.addAll(ids(page.dreams()));
                pages++;
            }
            assertThat(pages).as(sort.wireName()).isGreaterThanOrEqualTo(5);
            assertThat(seen).as("%s: no dream twice", sort).doesNotHaveDuplicates();
            assertThat(seen).as("%s: every dream listed before the first page", sort).containsAll(before);
        }
    }

    @Test
    void heldAndHiddenDreamsAreListedInNeitherOrder() {
        DreamId listed = stored(T0).id();
        DreamSpec spec = DreamSpec.builder().layers(List.of(LayerWeight.of("mixed3", 1))).build();
        DreamManifest held = DreamManifest.queued(DreamId.next(), spec, 96, 72, T0, Visibility.PUBLIC, "hash")
                .held(Screening.of(new NsfwScores(0, 0.5, 0, 0.4, 0.1), null, 0.5, T0));
        rows.insert(held);
        DreamManifest hidden = done(T0).withVisibility(Visibility.HIDDEN);
        rows.insert(hidden);
        for (GallerySort sort : GallerySort.values()) {
            assertThat(ids(listing.page(sort, null, 10).dreams())).as(sort.wireName()).containsExactly(listed);
        }
        assertThatThrownBy(() -> likes.like(held.id(), "a", Likes::allow)).isInstanceOf(Likes.Refused.class)
                .hasMessageContaining("status is held");
    }

    @Test
    void aCursorOfOneOrderIsRefusedForTheOther() {
        for (int i = 0; i < 3; i++) {
            stored(T0.plusSeconds(i));
        }
        String popularNext = listing.page("popular", null, 1).next();
        assertThatThrownBy(() -> listing.page("newest", popularNext, 1)).isInstanceOf(InvalidListing.class)
                .hasMessageContaining("continues the popular order").hasMessageContaining("sort=popular");
        // the pages leave out what they do not understand rather than fail
        assertThat(listing.lenientPage("best", "garbage", 2).dreams()).hasSize(2);
        assertThat(listing.lenientPage("newest", popularNext, 5).sort()).isEqualTo(GallerySort.NEWEST);
    }

    private static List<DreamId> ids(List<DreamEntry> entries) {
        return entries.stream().map(e -> e.manifest().id()).toList();
    }
}
