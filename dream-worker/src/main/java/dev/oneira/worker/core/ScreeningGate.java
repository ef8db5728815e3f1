package dev.oneira.worker.core;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.oneira.shared.event.DreamHeld;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.moderation.Approval;
import dev.oneira.shared.moderation.NsfwScores;
import dev.oneira.shared.moderation.Screening;
import dev.oneira.store.ManifestStore;

/**
 * A {@link DreamAttempt}'s screening before it dreams (issue 12), kept apart so the attempt stays
 * about dreaming: which screening counts, and holding a dream (manifest HELD, then
 * {@code DreamHeld}, then the ack; nothing dreamt, nothing else stored).
 *
 * <p>A dream is screened once: a redelivery, a redo after a killed worker and the moderator's
 * release all use the screening the manifest recorded, decided with the threshold of that day.
 */
final class ScreeningGate {

    private static final Logger LOG = Logger.getLogger(ScreeningGate.class);

    private final DreamRequested request;
    private final DreamId id;
    private final Screener screener;
    private final ManifestStore manifests;
    private final EventSink events;
    private final Retries retries;
    private final WorkerSettings settings;

    ScreeningGate(DreamRequested request, Screener screener, ManifestStore manifests, EventSink events, Retries retries,
                  WorkerSettings settings) {
        this.request = request;
        this.id = request.dreamId();
        this.screener = screener;
        this.manifests = manifests;
        this.events = events;
        this.retries = retries;
        this.settings = settings;
    }

    /**
     * The eventId of a dream's DreamHeld: one per dream, derived from its id, so the answer to a
     * redelivery carries the same id and consumers de-duplicate.
     */
    static String heldEventId(DreamId id) {
        return UUID.nameUUIDFromBytes(("oneira:DreamHeld:" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The moderator's release: the request's, else the manifest's (a copy of the first request,
     * redelivered after the release, must not hold the dream again).
     */
    Approval approval(DreamManifest manifest) {
        if (request.approval() != null) {
            return request.approval();
        }
        return manifest == null ? null : manifest.approval();
    }

    /** A request for a dream that is held and not released: DreamHeld again, from the manifest; nothing else. */
    Optional<Outcome> answerHeldAgain(DreamManifest manifest) {
        if (manifest == null || manifest.status() != DreamStatus.HELD || manifest.screening() == null
                || approval(manifest) != null) {
            return Optional.empty();
        }
        LOG.infof("dream %s is held for review; sending DreamHeld again", id);
        announce(manifest.screening());
        return Optional.of(Outcome.of(Outcome.Kind.HELD, id, "held for review"));
    }

    /** The screening a former try recorded, else the pictures classified now. */
    Screening screening(DreamManifest manifest, BufferedImage original, BufferedImage guide) {
        if (manifest != null && manifest.screening() != null) {
            return manifest.screening();
        }
        Screening screening = screener.screen(original, guide);
        LOG.infof("dream %s screened: original %s%s; explicit %.4f against %.2f: %s", id,
                words(screening.original()), screening.guide() == null ? "" : ", guide " + words(screening.guide()),
                screening.explicit(), screening.threshold(), screening.held() ? "held" : "passed");
        return screening;
    }

    /** Whether this dream waits for a moderator instead of being dreamt. */
    boolean holds(Screening screening, DreamManifest manifest) {
        return Screener.holds(screening, approval(manifest));
    }

    /** The manifest of a dream that is dreamt: with its screening, and the release that let it pass, if any. */
    DreamManifest passed(DreamManifest base, Screening screening) {
        DreamManifest screened = base.withScreening(screening);
        return request.approval() != null && screened.approval() == null
                ? screened.approved(request.approval()) : screened;
    }

    /** Stores the manifest HELD with the screening, then announces it; the caller acks. */
    Outcome hold(DreamManifest base, Screening screening) {
        DreamManifest held = base.held(screening);
        retries.storeCall("store the manifest", () -> {
            manifests.write(held);
            return null;
        });
        announce(screening);
        LOG.infof("dream %s held for review (explicit %.4f, threshold %.2f); not dreamt", id, screening.explicit(),
                screening.threshold());
        return Outcome.of(Outcome.Kind.HELD, id, "held for review");
    }

    /** "neutral 0.9967, drawing 0.0028, ...": most probable first, as {@code oneira classify} prints them. */
    private static String words(NsfwScores scores) {
        return scores.ranked().stream().map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private void announce(Screening screening) {
        OutgoingEvent event = new OutgoingEvent(new DreamHeld(heldEventId(id), id, screening.at(), screening));
        retries.retrying("send DreamHeld", () -> {
            event.awaitSent(events, settings.eventTimeout());
            return null;
        }, settings.retry());
    }
}
