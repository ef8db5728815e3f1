package dev.oneira.gallery.db;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.ManifestDecodingException;
import dev.oneira.store.ManifestStore;

/**
 * Rebuilds the {@code dream} table from the manifests in the object store (disaster recovery, a new
 * database, a table that drifted): every manifest is put into its row by the projection's own rule (a
 * row that is ahead of its manifest, e.g. with later events, keeps its state), and rows whose manifest
 * is gone are removed (dreams deleted meanwhile), except rows younger than {@link #GRACE} (an upload in
 * flight writes its manifest before its row). Idempotent: a second run changes nothing. Safe while the
 * galleries run. Plain Java; {@code ./oneira reindex} and the gallery's {@code reindex} command run it.
 */
public final class Reindex {

    /** Rows this young are never removed: their upload may still be writing. */
    public static final Duration GRACE = Duration.ofMinutes(2);

    private final ManifestStore manifests;
    private final DreamRows rows;
    private final Consumer<String> progress;
    private final Duration progressEvery;

    /** What a run did. */
    public record Result(int manifests, int changed, int unreadable, int removed, Duration took) {
    }

    public Reindex(ManifestStore manifests, DreamRows rows, Consumer<String> progress, Duration progressEvery) {
        this.manifests = manifests;
        this.rows = rows;
        this.progress = progress;
        this.progressEvery = progressEvery;
    }

    public Result run() {
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        Set<DreamId> seen = new HashSet<>();
        int[] counts = new int[3]; // read, changed, unreadable
        long[] nextReport = {System.nanoTime() + progressEvery.toNanos()};
        progress.accept("reading the manifests...");
        manifests.forEachId(id -> {
            seen.add(id);
            Optional<DreamManifest> m;
            try {
                m = manifests.read(id);
            } catch (ManifestDecodingException e) {
                counts[2]++;
                progress.accept("skipping the unreadable manifest of " + id + ": " + e.getMessage());
                return;
            }
            counts[0]++;
            if (m.isPresent() && rows.putManifest(m.get())) {
                counts[1]++;
            }
            if (System.nanoTime() >= nextReport[0]) {
                progress.accept(String.format("%d manifests read, %d rows written or updated", counts[0], counts[1]));
                nextReport[0] = System.nanoTime() + progressEvery.toNanos();
            }
        });
        int[] removed = {0};
        Instant youngest = started.minus(GRACE);
        rows.forEachId(id -> {
            if (!seen.contains(id) && id.createdAt().isBefore(youngest) && manifestGone(id)) {
                rows.delete(id);
                removed[0]++;
            }
        });
        Result result = new Result(counts[0], counts[1], counts[2], removed[0],
                Duration.ofNanos(System.nanoTime() - t0));
        progress.accept(String.format("done: %d manifests, %d rows written or updated, %d unreadable manifests skipped,"
                + " %d rows without a manifest removed, in %.1f s", result.manifests(), result.changed(),
                result.unreadable(), result.removed(), result.took().toMillis() / 1000.0));
        return result;
    }

    /** Checked again one by one: a listing is a snapshot, and a dream listed as gone must really be gone. */
    private boolean manifestGone(DreamId id) {
        try {
            return manifests.read(id).isEmpty();
        } catch (ManifestDecodingException e) {
            return false;
        }
    }
}
