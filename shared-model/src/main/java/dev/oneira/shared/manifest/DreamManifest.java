package dev.oneira.shared.manifest;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.spec.DreamSpec;
import java.time.Instant;

/**
 * Everything needed to show and reproduce a dream, stored as {@code manifests/{id}.json} (read and
 * written through the object-store module's ManifestStore); the gallery's database is a projection of
 * these and of dream-events, and its reindex rebuilds it from them.
 *
 * <p>{@code spec} carries the seed once a worker has chosen it. Sizes are pixels: the original after
 * normalising, the dream (null until DONE). Times: {@code createdAt} at upload, {@code startedAt}
 * when a worker took it, {@code completedAt} when it ended either way; {@code elapsedMs} the
 * worker's dreaming time. {@code error} is set only when FAILED. {@code ownerTokenHash} is
 * {@link OwnerTokens#hash} of the token that lets the uploader delete or hide the dream.
 */
public record DreamManifest(
        DreamId id,
        DreamStatus status,
        DreamSpec spec,
        int originalWidth,
        int originalHeight,
        Integer dreamWidth,
        Integer dreamHeight,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        Long elapsedMs,
        String worker,
        DreamError error,
        Visibility visibility,
        String ownerTokenHash) {

    /** Bumped only for changes old readers cannot ignore. */
    public static final int SCHEMA_VERSION = 1;

    public DreamManifest {
        if (id == null || status == null || spec == null || createdAt == null) {
            throw new IllegalArgumentException("a manifest needs id, status, spec and createdAt (was id " + id
                    + ", status " + status + ", spec " + (spec == null ? "missing" : "present") + ", createdAt "
                    + createdAt + ")");
        }
        // Manifests written before visibility existed are public.
        visibility = visibility == null ? Visibility.PUBLIC : visibility;
    }

    /** A new dream, just uploaded and about to be requested. */
    public static DreamManifest queued(DreamId id, DreamSpec spec, int originalWidth, int originalHeight,
                                       Instant createdAt, Visibility visibility, String ownerTokenHash) {
        return new DreamManifest(id, DreamStatus.QUEUED, spec, originalWidth, originalHeight, null, null,
                createdAt, null, null, null, null, null, visibility, ownerTokenHash);
    }

    /** A worker took it; the spec now holds the seed it uses. */
    public DreamManifest dreaming(DreamSpec specWithSeed, String worker, Instant startedAt) {
        return new DreamManifest(id, DreamStatus.DREAMING, specWithSeed, originalWidth, originalHeight, null, null,
                createdAt, startedAt, null, null, worker, null, visibility, ownerTokenHash);
    }

    public DreamManifest done(DreamSpec specWithSeed, int dreamWidth, int dreamHeight, Instant completedAt,
                              long elapsedMs, String worker) {
        return new DreamManifest(id, DreamStatus.DONE, specWithSeed, originalWidth, originalHeight, dreamWidth,
                dreamHeight, createdAt, startedAt, completedAt, elapsedMs, worker, null, visibility, ownerTokenHash);
    }

    public DreamManifest failed(DreamError error, Instant completedAt) {
        return new DreamManifest(id, DreamStatus.FAILED, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash);
    }

    public DreamManifest withStatus(DreamStatus status) {
        return new DreamManifest(id, status, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash);
    }

    public DreamManifest withSpec(DreamSpec spec) {
        return new DreamManifest(id, status, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash);
    }

    public DreamManifest withError(DreamError error) {
        return new DreamManifest(id, status, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash);
    }

    public DreamManifest withVisibility(Visibility visibility) {
        return new DreamManifest(id, status, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash);
    }

    public DreamManifest withOwnerTokenHash(String ownerTokenHash) {
        return new DreamManifest(id, status, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash);
    }
}
