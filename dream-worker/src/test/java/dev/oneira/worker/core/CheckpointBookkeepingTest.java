package dev.oneira.worker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.store.ObjectKeys;

/** How an animation's frames are cut into segments and what its checkpoint record says (no I/O). */
class CheckpointBookkeepingTest {

    private static final DreamId ID = DreamId.parse("01a21725-6773-7a0c-8bb4-22fa82f7780e");
    private static final Animation TEN = Animation.defaults().withFrames(10).withFps(12);
    private final AtomicLong clock = new AtomicLong();

    private SegmentBook book(CheckpointState stored, int segmentFrames) {
        return new SegmentBook(ID, stored, segmentFrames, Duration.ofSeconds(30), clock::get);
    }

    private static void write(SegmentBook book, int frames) {
        for (int i = 0; i < frames; i++) {
            book.frameWritten(book.nextFrame());
        }
    }

    @Test
    void cutsASegmentEveryNFramesAndNamesThemInOrder() {
        SegmentBook book = book(CheckpointState.empty(ID, 7, TEN, 128, 96), 4);

        write(book, 3);
        assertThat(book.closeDue()).isFalse();
        write(book, 1);
        assertThat(book.closeDue()).isTrue();
        SegmentBook.Local first = book.close(Path.of("s0.mp4"));
        write(book, 4);
        SegmentBook.Local second = book.close(Path.of("s1.mp4"));

        assertThat(first.segment()).isEqualTo(new CheckpointState.Segment(ObjectKeys.checkpointSegment(ID, 0, 3), 0, 4));
        assertThat(second.segment()).isEqualTo(new CheckpointState.Segment(ObjectKeys.checkpointSegment(ID, 4, 7), 4, 4));
        assertThat(book.nextFrame()).isEqualTo(8);
        assertThat(book.files()).containsExactly(Path.of("s0.mp4"), Path.of("s1.mp4"));
    }

    @Test
    void aSlowSegmentIsCutOnceTheCheckpointIntervalHasPassed() {
        SegmentBook book = book(CheckpointState.empty(ID, 7, TEN, 128, 96), 24);

        assertThat(book.closeDue()).as("an empty segment is never due").isFalse();
        clock.addAndGet(Duration.ofSeconds(40).toNanos());
        assertThat(book.closeDue()).isFalse();
        write(book, 1);
        assertThat(book.closeDue()).as("the interval counts from the segment's first frame").isFalse();
        clock.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(book.closeDue()).isTrue();
    }

    @Test
    void theNextRecordNamesEverySegmentNotYetStoredAndTheLastFrame() {
        SegmentBook book = book(CheckpointState.empty(ID, 7, TEN, 128, 96), 3);
        write(book, 3);
        book.close(Path.of("s0.mp4"));
        CheckpointState afterFirst = book.next();
        // The first checkpoint could not be stored (say, the store was down): its segment stays unstored.
        write(book, 3);
        book.close(Path.of("s1.mp4"));

        assertThat(afterFirst.framesDone()).isEqualTo(3);
        assertThat(book.unstored()).hasSize(2);
        CheckpointState next = book.next();
        assertThat(next.framesDone()).isEqualTo(6);
        assertThat(next.lastFrameKey()).isEqualTo(ObjectKeys.checkpointFrame(ID, 5));
        assertThat(next.firstFrameKey()).isEqualTo(ObjectKeys.checkpointFrame(ID, 0));
        assertThat(next.segments()).extracting(CheckpointState.Segment::frames).containsExactly(3, 3);
        assertThat(next.unusableFor(ID, 7, TEN, 128, 96)).isEmpty();

        book.stored(next);
        assertThat(book.unstored()).isEmpty();
        assertThat(book.storedState()).isEqualTo(next);
    }

    @Test
    void aResumedBookContinuesAfterTheCheckpointsLastFrame() {
        CheckpointState stored = CheckpointState.empty(ID, 7, TEN, 128, 96)
                .plus(new CheckpointState.Segment(ObjectKeys.checkpointSegment(ID, 0, 3), 0, 4),
                        ObjectKeys.checkpointFrame(ID, 3));
        SegmentBook book = book(stored, 4);
        book.resumed(stored.segments().get(0), Path.of("fetched-s0.mp4"));

        assertThat(book.nextFrame()).isEqualTo(4);
                assertThat(book.unstored()).isEmpty();
        assertThatThrownBy(() -> book.frameWritten(0)).hasMessageContaining("frame 4 was expected");
        write(book, 4);
        book.close(Path.of("s1.mp4"));
        assertThat(book.files()).containsExactly(Path.of("fetched-s0.mp4"), Path.of("s1.mp4"));
        assertThat(book.next().framesDone()).isEqualTo(8);
    }

    @Test
    void aCheckpointRoundTripsThroughJson() {
        CheckpointState state = CheckpointState.empty(ID, 9007199254740991L, TEN, 128, 96)
                .plus(new CheckpointState.Segment(ObjectKeys.checkpointSegment(ID, 0, 3), 0, 4),
                        ObjectKeys.checkpointFrame(ID, 3));

        assertThat(CheckpointState.decode(state.encode())).contains(state);
        assertThat(CheckpointState.decode("not json".getBytes())).isEmpty();
    }

    @Test
    void aCheckpointOfAnotherAnimationOrWithAGapIsNotResumed() {
        CheckpointState.Segment s0 = new CheckpointState.Segment(ObjectKeys.checkpointSegment(ID, 0, 3), 0, 4);
        CheckpointState good = CheckpointState.empty(ID, 7, TEN, 128, 96).plus(s0, ObjectKeys.checkpointFrame(ID, 3));

        assertThat(good.unusableFor(ID, 7, TEN, 128, 96)).isEmpty();
        assertThat(good.unusableFor(ID, 8, TEN, 128, 96)).get().asString().contains("seed 7");
        assertThat(good.unusableFor(ID, 7, TEN.withFrames(20), 128, 96)).isPresent();
        assertThat(good.unusableFor(ID, 7, TEN, 130, 96)).isPresent();
        assertThat(new CheckpointState(1, 7, 10, 12, 128, 96, 4, ObjectKeys.checkpointFrame(ID, 0),
                ObjectKeys.checkpointFrame(ID, 3), List.of(new CheckpointState.Segment(s0.key(), 1, 4))))
                .satisfies(gap -> assertThat(gap.unusableFor(ID, 7, TEN, 128, 96)).isPresent());
        assertThat(new CheckpointState(1, 7, 10, 12, 128, 96, 5, ObjectKeys.checkpointFrame(ID, 0),
                ObjectKeys.checkpointFrame(ID, 4), List.of(s0)))
                .satisfies(miscount -> assertThat(miscount.unusableFor(ID, 7, TEN, 128, 96)).get().asString()
                        .contains("segments hold 4 frames"));
        DreamId other = DreamId.next();
        assertThat(good.unusableFor(other, 7, TEN, 128, 96)).as("keys of another dream").isPresent();
        assertThat(CheckpointState.empty(ID, 7, TEN, 128, 96).unusableFor(ID, 7, TEN, 128, 96))
                .as("nothing done yet").isPresent();
    }
}
