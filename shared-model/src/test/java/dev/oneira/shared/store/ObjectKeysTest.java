package dev.oneira.shared.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.id.InvalidDreamIdException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {

    private static final String ID = "01a21725-6773-7a0c-8bb4-22fa82f7780e";
    private static final DreamId DREAM = DreamId.parse(ID);

    @Test
    void followsTheAgreedScheme() {
        assertThat(ObjectKeys.DEFAULT_BUCKET).isEqualTo("oneira");
        assertThat(ObjectKeys.original(DREAM)).isEqualTo("originals/" + ID + ".png");
        assertThat(ObjectKeys.dream(DREAM)).isEqualTo("dreams/" + ID + ".png");
        assertThat(ObjectKeys.originalThumb(DREAM)).isEqualTo("thumbs/" + ID + "-original.jpg");
        assertThat(ObjectKeys.dreamThumb(DREAM)).isEqualTo("thumbs/" + ID + "-dream.jpg");
        assertThat(ObjectKeys.preview(DREAM, 7)).isEqualTo("previews/" + ID + "/00007.jpg");
        assertThat(ObjectKeys.previewPrefix(DREAM)).isEqualTo("previews/" + ID + "/");
        assertThat(ObjectKeys.manifest(DREAM)).isEqualTo("manifests/" + ID + ".json");
    }

    @Test
    void textIdsGiveTheSameKeys() {
        assertThat(List.of(ObjectKeys.original(ID), ObjectKeys.dream(ID), ObjectKeys.originalThumb(ID),
                ObjectKeys.dreamThumb(ID), ObjectKeys.preview(ID, 3), ObjectKeys.previewPrefix(ID), ObjectKeys.manifest(ID)))
                .containsExactly(ObjectKeys.original(DREAM), ObjectKeys.dream(DREAM), ObjectKeys.originalThumb(DREAM),
                        ObjectKeys.dreamThumb(DREAM), ObjectKeys.preview(DREAM, 3), ObjectKeys.previewPrefix(DREAM),
                        ObjectKeys.manifest(DREAM));
    }

    @Test
    void everyMethodValidatesTheId() {
        String bad = "../secrets";
        List<Runnable> calls = List.of(() -> ObjectKeys.original(bad), () -> ObjectKeys.dream(bad),
                () -> ObjectKeys.originalThumb(bad), () -> ObjectKeys.dreamThumb(bad), () -> ObjectKeys.preview(bad, 0),
                () -> ObjectKeys.previewPrefix(bad), () -> ObjectKeys.manifest(bad));

        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(InvalidDreamIdException.class);
        }
    }

    @Test
    void previewKeysSortInTheOrderTheyWereMade() {
        List<String> keys = java.util.stream.IntStream.of(0, 1, 2, 9, 10, 99, 100, 1000, 99_999)
                .mapToObj(n -> ObjectKeys.preview(DREAM, n)).toList();

        assertThat(keys).isSorted();
        assertThatThrownBy(() -> ObjectKeys.preview(DREAM, -1))
                .hasMessage("preview index must be between 0 and 99999 (was -1)");
        assertThatThrownBy(() -> ObjectKeys.preview(DREAM, 100_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsTheIdOfAManifestKeyAndSkipsStrayObjects() {
        assertThat(ObjectKeys.idOfManifestKey(ObjectKeys.manifest(DREAM))).contains(DREAM);
        assertThat(ObjectKeys.idOfManifestKey("manifests/readme.json")).isEmpty();
        assertThat(ObjectKeys.idOfManifestKey("dreams/" + ID + ".png")).isEmpty();
        assertThat(ObjectKeys.idOfManifestKey(null)).isEmpty();
    }

    @Test
    void listsTheFixedKeysOfADreamForDeletion() {
        assertThat(ObjectKeys.allFixedKeys(DREAM)).hasSize(10).allMatch(key -> key.contains(ID))
                .contains("guides/" + ID + ".png", "masks/" + ID + ".png", "videos/" + ID + ".mp4",
                        "loops/" + ID + ".webp", "posters/" + ID + ".jpg");
        assertThat(ObjectKeys.allPrefixes(DREAM)).containsExactly("previews/" + ID + "/", "checkpoints/" + ID + "/");
    }

    @Test
    void anAnimationKeepsItsVideoLoopPosterAndCheckpointsUnderItsId() {
        assertThat(ObjectKeys.video(DREAM)).isEqualTo("videos/" + ID + ".mp4").isEqualTo(ObjectKeys.video(ID));
        assertThat(ObjectKeys.previewLoop(DREAM)).isEqualTo("loops/" + ID + ".webp").isEqualTo(ObjectKeys.previewLoop(ID));
        assertThat(ObjectKeys.poster(DREAM)).isEqualTo("posters/" + ID + ".jpg").isEqualTo(ObjectKeys.poster(ID));
        assertThat(ObjectKeys.checkpointPrefix(DREAM)).isEqualTo("checkpoints/" + ID + "/");
        assertThat(ObjectKeys.checkpointState(DREAM)).isEqualTo("checkpoints/" + ID + "/state.json");
        assertThat(ObjectKeys.checkpointFrame(DREAM, 23)).isEqualTo("checkpoints/" + ID + "/frame-00023.png");
        assertThat(ObjectKeys.checkpointSegment(DREAM, 24, 47)).isEqualTo("checkpoints/" + ID + "/segment-00024-00047.mp4");
        assertThat(List.of(ObjectKeys.checkpointState(DREAM), ObjectKeys.checkpointFrame(DREAM, 0),
                ObjectKeys.checkpointSegment(DREAM, 0, 3))).allMatch(k -> k.startsWith(ObjectKeys.checkpointPrefix(DREAM)));
        assertThatThrownBy(() -> ObjectKeys.checkpointSegment(DREAM, -1, 3)).hasMessageContaining("between 0 and 99999");
        assertThatThrownBy(() -> ObjectKeys.checkpointSegment(DREAM, 4, 3)).hasMessageContaining("4..3");
        assertThatThrownBy(() -> ObjectKeys.video("../x")).isInstanceOf(InvalidDreamIdException.class);
    }
}
