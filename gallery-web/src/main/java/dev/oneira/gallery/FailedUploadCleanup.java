package dev.oneira.gallery;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ManifestStore;
import dev.oneira.store.ObjectStore;

/**
 * Removes what an upload that failed may have left: its row in the gallery's database (first, so
 * nothing of it is listed) and its objects in the store (manifest, original, guide image, mask). A
 * store that hung may still carry out a write after the gallery gave up on it, so the removal is
 * repeated after each of {@code delays}, not only at once. Until then nothing of it is public: media
 * are served only for dreams with a manifest, and the manifest is removed here as well. In memory,
 * per instance: a gallery restart forgets pending removals (see operations.md, Faults). Plain Java.
 */
public final class FailedUploadCleanup implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FailedUploadCleanup.class);

    private final ObjectStore store;
    private final ManifestStore manifests;
    private final Consumer<DreamId> removeRow;
    private final List<Duration> delays;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "oneira-upload-cleanup");
        t.setDaemon(true);
        return t;
    });

    /** @param removeRow removes the dream's database row (the database may be down too: then it throws) */
    public FailedUploadCleanup(ObjectStore store, Consumer<DreamId> removeRow, List<Duration> delays) {
        this.store = store;
        this.manifests = new ManifestStore(store);
        this.removeRow = removeRow;
        this.delays = List.copyOf(delays);
    }

    /** Removes the upload's objects now (in the background) and again after each delay. */
    public void discard(DreamId id) {
        for (Duration delay : delays) {
            timer.schedule(() -> remove(id), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void remove(DreamId id) {
        try {
            removeRow.accept(id);
        } catch (RuntimeException e) {
            LOG.infof("could not yet remove the row of the failed upload %s: %s", id, e.getMessage());
        }
        try {
            // the manifest first: without it the original is never served, nor brought back by a reindex
            manifests.delete(id);
            store.delete(ObjectKeys.original(id));
            store.delete(ObjectKeys.guide(id));
            store.delete(ObjectKeys.mask(id));
            LOG.debugf("removed what the failed upload %s left", id);
        } catch (RuntimeException e) {
            LOG.infof("could not yet remove what the failed upload %s left: %s", id, e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
