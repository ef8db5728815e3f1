package dev.oneira.shared.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.moderation.Approval;
import dev.oneira.shared.moderation.Screening;
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
 *
 * <p>Added later, null (and left out of the JSON) until known: {@code screening}, the worker's
 * classification of the inputs (issue 12; status HELD when it held the dream), {@code approval}, the
 * moderator who released a held dream, {@code engine}, the network and engine that dreamt it (issue
 * 15), and {@code remixOf}, the dream this one was remixed from (issue 15).
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
        String ownerTokenHash,
        @JsonInclude(JsonInclude.Include.NON_NULL) Screening screening,
        @JsonInclude(JsonInclude.Include.NON_NULL) Approval approval,
        @JsonInclude(JsonInclude.Include.NON_NULL) EngineIdentity engine,
        @JsonInclude(JsonInclude.Include.NON_NULL) DreamId remixOf) {

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

    /** The fields a manifest had before screening, approval, engine and remixOf existed. */
    public DreamManifest(DreamId id, DreamStatus status, DreamSpec spec, int originalWidth, int originalHeight,
                         Integer dreamWidth, Integer dreamHeight, Instant createdAt, Instant startedAt,
                         Instant completedAt, Long elapsedMs, String worker, DreamError error, Visibility visibility,
                         String ownerTokenHash) {
        this(id, status, spec, originalWidth, originalHeight, dreamWidth, dreamHeight, createdAt, startedAt,
                completedAt, elapsedMs, worker, error, visibility, ownerTokenHash, null, null, null, null);
    }

    /** A new dream, just uploaded and about to be requested. */
    public static DreamManifest queued(DreamId id, DreamSpec spec, int originalWidth, int originalHeight,
                                       Instant createdAt, Visibility visibility, String ownerTokenHash) {
        return queued(id, spec, originalWidth, originalHeight, createdAt, visibility, ownerTokenHash, null);
    }

    /** A new dream remixed from {@code remixOf} (null when it is not a remix). */
    public static DreamManifest queued(DreamId id, DreamSpec spec, int originalWidth, int originalHeight,
                                       Instant createdAt, Visibility visibility, String ownerTokenHash,
                                       DreamId remixOf) {
        return new DreamManifest(id, DreamStatus.QUEUED, spec, originalWidth, originalHeight, null, null,
                createdAt, null, null, null, null, null, visibility, ownerTokenHash, null, null, null, remixOf);
    }

    /** A worker took it; the spec now holds the seed it uses. */
    public DreamManifest dreaming(DreamSpec specWithSeed, String worker, Instant startedAt) {
        return new DreamManifest(id, DreamStatus.DREAMING, specWithSeed, originalWidth, originalHeight, null, null,
                createdAt, startedAt, null, null, worker, null, visibility, ownerTokenHash,
                screening, approval, engine, remixOf);
    }

    public DreamManifest done(DreamSpec specWithSeed, int dreamWidth, int dreamHeight, Instant completedAt,
                              long elapsedMs, String worker) {
        return new DreamManifest(id, DreamStatus.DONE, specWithSeed, originalWidth, originalHeight, dreamWidth,
                dreamHeight, createdAt, startedAt, completedAt, elapsedMs, worker, null, visibility, ownerTokenHash,
                screening, approval, engine, remixOf);
    }

    public DreamManifest failed(DreamError error, Instant completedAt) {
        return new DreamManifest(id, DreamStatus.FAILED, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash,
                screening, approval, engine, remixOf);
    }

    /** The screening reached the hold threshold: not dreamt until a moderator approves. */
    public DreamManifest held(Screening screening) {
        if (screening == null || !screening.held()) {
            throw new IllegalArgumentException("only a screening that held the dream makes it HELD");
        }
        return withStatus(DreamStatus.HELD).withScreening(screening);
    }

    /** A moderator released the held dream: queued again, to be dreamt whatever the screening said. */
    public DreamManifest approved(Approval approval) {
        if (approval == null) {
            throw new IllegalArgumentException("an approved manifest needs the approval");
        }
        return new DreamManifest(id, DreamStatus.QUEUED, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash,
                screening, approval, engine, remixOf);
    }

    public DreamManifest withStatus(DreamStatus status) {
        return new DreamManifest(id, status, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash,
                screening, approval, engine, remixOf);
    }

    public DreamManifest withSpec(DreamSpec spec) {
        return new DreamManifest(id, status, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash,
                screening, approval, engine, remixOf);
    }

    public DreamManifest withError(DreamError error) {
        return new DreamManifest(id, status, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash,
                screening, approval, engine, remixOf);
    }

    public DreamManifest withVisibility(Visibility visibility) {
        return new DreamManifest(id, status, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash,
                screening, approval, engine, remixOf);
    }

    public DreamManifest withOwnerTokenHash(String ownerTokenHash) {
        return new DreamManifest(id, status, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash,
                screening, approval, engine, remixOf);
    }

    public DreamManifest withScreening(Screening screening) {
        return new DreamManifest(id, status, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash,
                screening, approval, engine, remixOf);
    }

    public DreamManifest withEngine(EngineIdentity engine) {
        return new DreamManifest(id, status, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash,
                screening, approval, engine, remixOf);
    }

    public DreamManifest withRemixOf(DreamId remixOf) {
        return new DreamManifest(id, status, spec, originalWidth, originalHeight, dreamWidth, dreamHeight,
                createdAt, startedAt, completedAt, elapsedMs, worker, error, visibility, ownerTokenHash,
                screening, approval, engine, remixOf);
    }
}
