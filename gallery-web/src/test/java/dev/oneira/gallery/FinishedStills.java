package dev.oneira.gallery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.oneira.gallery.db.DreamRows;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.manifest.OwnerTokens;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.LayerWeight;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;

/**
 * A finished still dream as a worker leaves one (manifest DONE, photo, dream and thumbnails in the store,
 * the row as the projection leaves it), for tests of likes that need no worker to dream one first.
 */
final class FinishedStills {

    private FinishedStills() {
    }

    static DreamId store(ObjectStore store, Visibility visibility) {
        DreamId id = DreamId.next();
        DreamSpec spec = DreamSpec.builder().preset("classic").layers(List.of(LayerWeight.of("mixed3", 1)))
                .octaveFrom(0).octaveTo(0).stepsPerOctave(2).maxSide(160).seed(3L).build();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DreamManifest done = DreamManifest.queued(id, spec, 160, 120, now, visibility,
                OwnerTokens.hash(OwnerTokens.newToken())).dreaming(spec, "test", now)
                .done(spec, 160, 120, now, 800, "test");
        store.put(ObjectKeys.original(id), TestPhotos.png(160, 120), "image/png");
        store.put(ObjectKeys.dream(id), TestPhotos.png(160, 120), "image/png");
        store.put(ObjectKeys.originalThumb(id), TestPhotos.jpeg(160, 120), "image/jpeg");
        store.put(ObjectKeys.dreamThumb(id), TestPhotos.jpeg(160, 120), "image/jpeg");
        store.put(ObjectKeys.manifest(id), ManifestCodec.encode(done), "application/json");
        io.quarkus.arc.Arc.container().instance(DreamRows.class).get().putManifest(done);
        return id;
    }
}
