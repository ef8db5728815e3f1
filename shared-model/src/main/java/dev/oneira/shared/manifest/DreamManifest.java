package dev.oneira.shared.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.moderation.Approval;
import dev.oneira.shared.moderation.Screening;
import dev.oneira.shared.spec.DreamSpec;
import java.time.Instant;
import java.util.function.Consumer;

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

    /** A worker took it; the spec now holds the seed it uses. Sizes, times and error of a former try are cleared. */
    public DreamManifest dreaming(DreamSpec specWithSeed, String worker, Instant startedAt) {
        return copy(c -> {
            c.status = DreamStatus.DREAMING;
            c.spec = specWithSeed;
            c.dreamWidth = null;
            c.dreamHeight = null;
            c.startedAt = startedAt;
            c.completedAt = null;
            c.elapsedMs = null;
            c.worker = worker;
            c.error = null;
        });
    }

    public DreamManifest done(DreamSpec specWithSeed, int dreamWidth, int dreamHeight, Instant completedAt,
                              long elapsedMs, String worker) {
        return copy(c -> {
            c.status = DreamStatus.DONE;
            c.spec = specWithSeed;
            c.dreamWidth = dreamWidth;
            c.dreamHeight = dreamHeight;
            c.completedAt = completedAt;
            c.elapsedMs = elapsedMs;
            c.worker = worker;
            c.error = null;
        });
    }

    public DreamManifest failed(DreamError error, Instant completedAt) {
        return copy(c -> {
            c.status = DreamStatus.FAILED;
            c.error = error;
            c.completedAt = completedAt;
        });
    }

    /** The screening reached the hold threshold: not dreamt until a moderator approves. */
    public DreamManifest held(Screening screening) {
        if (screening == null || !screening.held()) {
            throw new IllegalArgumentException("only a screening that held the dream makes it HELD");
        }
        return copy(c -> {
            c.status = DreamStatus.HELD;
            c.screening = screening;
        });
    }

    /** A moderator released the held dream: queued again, to be dreamt whatever the screening said. */
    public DreamManifest approved(Approval approval) {
        if (approval == null) {
            throw new IllegalArgumentException("an approved manifest needs the approval");
        }
        return copy(c -> {
            c.status = DreamStatus.QUEUED;
            c.approval = approval;
        });
    }

    public DreamManifest withStatus(DreamStatus status) {
        return copy(c -> c.status = status);
    }

    public DreamManifest withSpec(DreamSpec spec) {
        return copy(c -> c.spec = spec);
    }

    public DreamManifest withError(DreamError error) {
        return copy(c -> c.error = error);
    }

    public DreamManifest withVisibility(Visibility visibility) {
        return copy(c -> c.visibility = visibility);
    }

    public DreamManifest withOwnerTokenHash(String ownerTokenHash) {
        return copy(c -> c.ownerTokenHash = ownerTokenHash);
    }

    public DreamManifest withScreening(Screening screening) {
        return copy(c -> c.screening = screening);
    }

    public DreamManifest withEngine(EngineIdentity engine) {
        return copy(c -> c.engine = engine);
    }

    public DreamManifest withRemixOf(DreamId remixOf) {
        return copy(c -> c.remixOf = remixOf);
    }

    /** This manifest with what {@code change} sets: the one place that lists every field for a copy. */
    private DreamManifest copy(Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return new DreamManifest(f.id, f.status, f.spec, f.originalWidth, f.originalHeight, f.dreamWidth,
                f.dreamHeight, f.createdAt, f.startedAt, f.completedAt, f.elapsedMs, f.worker, f.error, f.visibility,
                f.ownerTokenHash, f.screening, f.approval, f.engine, f.remixOf);
    }

    /** A manifest's fields, to be changed before they make a new manifest. */
    private static final class Fields {
        final DreamId id;
        DreamStatus status;
        DreamSpec spec;
        final int originalWidth;
        final int originalHeight;
        Integer dreamWidth;
        Integer dreamHeight;
        final Instant createdAt;
        Instant startedAt;
        Instant completedAt;
        Long elapsedMs;
        String worker;
        DreamError error;
        Visibility visibility;
        String ownerTokenHash;
        Screening screening;
        Approval approval;
        EngineIdentity engine;
        DreamId remixOf;

        Fields(DreamManifest m) {
            id = m.id;
            status = m.status;
            spec = m.spec;
            originalWidth = m.originalWidth;
            originalHeight = m.originalHeight;
            dreamWidth = m.dreamWidth;
            dreamHeight = m.dreamHeight;
            createdAt = m.createdAt;
            startedAt = m.startedAt;
            completedAt = m.completedAt;
            elapsedMs = m.elapsedMs;
            worker = m.worker;
            error = m.error;
            visibility = m.visibility;
            ownerTokenHash = m.ownerTokenHash;
            screening = m.screening;
            approval = m.approval;
            engine = m.engine;
            remixOf = m.remixOf;
        }
    }
}
