package dev.oneira.store;

import java.util.Optional;
import java.util.function.Consumer;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.manifest.ManifestDecodingException;
import dev.oneira.shared.store.ObjectKeys;

/**
 * The one owner of {@code manifests/{id}.json}: the worker and the gallery read, write, list and delete
 * manifests only through here, so key, content type and codec live in one place. The manifest is the
 * worker's record of a dream; the gallery's database is a projection that can be rebuilt from these.
 * Plain Java over an {@link ObjectStore} (whose call timeout it keeps).
 */
public final class ManifestStore {

    public static final String CONTENT_TYPE = "application/json";

    private final ObjectStore store;

    public ManifestStore(ObjectStore store) {
        this.store = store;
    }

    /** The same manifests through another store handle (e.g. one with a shorter call timeout). */
    public static ManifestStore of(ObjectStore store) {
        return new ManifestStore(store);
    }

    /**
     * The stored manifest, or empty when there is none.
     *
     * @throws ManifestDecodingException when the object is there but cannot be read as a manifest
     */
    public Optional<DreamManifest> read(DreamId id) {
        return store.get(ObjectKeys.manifest(id)).map(ManifestCodec::decode);
    }

    /** Writes (replaces) the manifest in one PUT. */
    public void write(DreamManifest manifest) {
        store.put(ObjectKeys.manifest(manifest.id()), ManifestCodec.encode(manifest), CONTENT_TYPE);
    }

    /** Removes the manifest; a missing one is not an error. */
    public void delete(DreamId id) {
        store.delete(ObjectKeys.manifest(id));
    }

    /** Calls {@code each} with the id of every manifest in the store (stray keys skipped), in key order. */
    public int forEachId(Consumer<DreamId> each) {
        int n = 0;
        for (String key : store.list(ObjectKeys.MANIFESTS)) {
            Optional<DreamId> id = ObjectKeys.idOfManifestKey(key);
            if (id.isPresent()) {
                each.accept(id.get());
                n++;
            }
        }
        return n;
    }
}
