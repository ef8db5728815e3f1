package dev.oneira.gallery.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.oneira.gallery.eta.QueueEstimator;
import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.moderation.Screening;
import dev.oneira.shared.spec.DreamSpec;

/**
 * A dream as the JSON API and the pages' scripts see it. Links are site-relative.
 * {@code waitingForWorker} is true (else absent) for a DREAMING dream no worker has reported on for
 * longer than the stall timeout: its progress is stale and it will be picked up again. An animation's
 * settings are in {@code spec.animation}; its progress counts frames ({@code frame} done of
 * {@code frameCount}, absent for a still) and, once done, {@code links} add {@code video} (MP4),
 * {@code previewLoop} (animated WebP) and {@code poster} (JPEG). {@code likes} counts its likes;
 * {@code likedByYou} (where the answer is for one browser) says whether the asking browser is one of them.
 * {@code screening} (issue 12) is the
 * worker's classification of the original (and guide image) before dreaming: five probabilities per
 * picture, the hold threshold and whether it held the dream; status {@code HELD} means it awaits a
 * moderator's review (not dreamt, not listed). Absent until the worker has screened the dream.
 *
 * <p>(issue 15) While QUEUED or DREAMING, {@code estimatedStartAt} and {@code estimatedCompletionAt}
 * (ISO-8601): when a worker will take it (took it, once DREAMING) and when it will be done, estimated from
 * the work ahead in its partition and the workers' measured speeds ({@code dev.oneira.gallery.eta}); absent
 * otherwise, and for dreams uploaded before estimates existed. {@code remixOf}: the id of the dream this
 * one was remixed from (its page: {@code links.remixOf}; the source may have been deleted since), and
 * {@code links.remixes} lists this dream's own public remixes. {@code modelSha256} and {@code engineVersion}:
 * the network's weights and the engine that dreamt it (absent until a worker took it, and for dreams made
 * before they were recorded); the same spec, seed and network give the same bytes on CPU.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DreamView(String id, DreamStatus status, Instant createdAt, String visibility, DreamSpec spec,
                        Long seed, Size original, Size dream, Integer queuePosition, Progress progress,
                        Failure error, Long elapsedMs, Map<String, String> links, Boolean waitingForWorker,
                        Instant estimatedStartAt, Instant estimatedCompletionAt, String remixOf, String modelSha256,
                        String engineVersion, int likes, Boolean likedByYou, Screening screening) {

    /** The same view saying whether the asking browser likes the dream ({@code likedByYou}, issue 12). */
    public DreamView withLikedByYou(boolean liked) {
        return new DreamView(id, status, createdAt, visibility, spec, seed, original, dream, queuePosition, progress,
                error, elapsedMs, links, waitingForWorker, estimatedStartAt, estimatedCompletionAt, remixOf,
                modelSha256, engineVersion, likes, liked, screening);
    }

    public record Size(int width, int height) {
    }

    /** {@code frame}: frames finished (the 0-based frame being dreamt) of {@code frameCount}; null for a still. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(int octave, int octaveCount, int step, int stepsPerOctave, int stepsDone,
                           int totalSteps, double fraction, String previewUrl, Integer frame, Integer frameCount) {
    }

    public record Failure(String reason, String code, boolean retryable) {
    }

    public static DreamView of(DreamEntry entry, DreamIndex index) {
        DreamManifest m = entry.manifest();
        String id = m.id().toString();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", "/api/dreams/" + id);
        links.put("page", "/d/" + id);
        links.put("events", "/api/dreams/" + id + "/events");
        links.put("original", Links.original(id));
        links.put("remixes", "/api/dreams/" + id + "/remixes");
        if (m.remixOf() != null) {
            links.put("remixOf", "/d/" + m.remixOf());
        }
        if (m.spec().guide()) {
            links.put("guide", Links.guide(id));
        }
        if (m.spec().mask()) {
            links.put("mask", Links.mask(id));
        }
        if (m.status() == DreamStatus.DONE) {
            links.put("dream", Links.dream(id));
            links.put("originalThumb", Links.originalThumb(id));
            links.put("dreamThumb", Links.dreamThumb(id));
            if (m.spec().animation() != null) {
                links.put("video", Links.video(id));
                links.put("previewLoop", Links.previewLoop(id));
                links.put("poster", Links.poster(id));
            }
        }
        Progress progress = null;
        DreamProgress p = entry.progress();
        if (m.status() == DreamStatus.DREAMING && p != null) {
            progress = new Progress(p.octave(), p.octaveCount(), p.step(), p.stepsPerOctave(), p.stepsDone(),
                    p.totalSteps(), p.fraction(), p.previewKey() == null ? null : "/media/" + p.previewKey(), p.frame(),
                    p.frameCount());
        }
        Failure failure = m.error() == null ? null
                : new Failure(FailureWords.of(m.error().reason(), m.error().code(), id), m.error().code().name(),
                m.error().retryable());
        Integer position = m.status() == DreamStatus.QUEUED ? index.queuePosition(m.id()) : null;
        Optional<QueueEstimator.Estimate> eta = index.estimate(entry);
        return new DreamView(id, m.status(), m.createdAt(), m.visibility().name().toLowerCase(), m.spec(),
                m.spec().seed(), new Size(m.originalWidth(), m.originalHeight()),
                m.dreamWidth() == null ? null : new Size(m.dreamWidth(), m.dreamHeight() == null ? 0 : m.dreamHeight()),
                position, progress, failure, m.elapsedMs(), links,
                index.waitingForWorker(entry) ? Boolean.TRUE : null,
                eta.map(QueueEstimator.Estimate::startAt).orElse(null),
                eta.map(QueueEstimator.Estimate::completionAt).orElse(null),
                m.remixOf() == null ? null : m.remixOf().toString(),
                m.engine() == null ? null : m.engine().modelSha256(),
                m.engine() == null ? null : m.engine().engineVersion(), entry.likes(), null, m.screening());
    }
}
