package dev.oneira.gallery.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.jboss.logging.Logger;

import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.index.DreamMerge;
import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;

/**
 * Applies one event of dream-events to the {@code dream} table, in one transaction with the record of
 * its eventId: an event already recorded is skipped (idempotent across the fleet and across
 * redeliveries), an event older than the dream's newest is skipped ({@link DreamMerge}), and a dream
 * without a row is first read from its manifest (a row lost or not yet rebuilt) or, without one,
 * ignored (deleted). Plain Java.
 */
public final class EventProjection {

    private static final Logger LOG = Logger.getLogger(EventProjection.class);

    /** What became of one event. */
    public enum Result { APPLIED, DUPLICATE, NO_CHANGE, UNKNOWN_DREAM }

    private final DreamRows rows;
    private final Function<DreamId, Optional<DreamManifest>> manifests;
    private final QueueTables queue;

    /** The queue estimates' tables the projection keeps (issue 15); null in projections without them. */
    public record QueueTables(RequestPartitions partitions, WorkerSpeeds speeds) {
    }

    /**
     * @param manifests reads a dream's manifest from the object store (empty when it has none)
     */
    public EventProjection(DreamRows rows, Function<DreamId, Optional<DreamManifest>> manifests) {
        this(rows, manifests, null);
    }

    /** Also learns worker speeds from DreamCompleted and closes a dream's queue entry when it ends. */
    public EventProjection(DreamRows rows, Function<DreamId, Optional<DreamManifest>> manifests, QueueTables queue) {
        this.rows = rows;
        this.manifests = manifests;
        this.queue = queue;
    }

    public Result apply(DreamEvent event) {
        if (event instanceof DreamRequested) {
            return Result.NO_CHANGE; // not a dream-events event; the upload wrote the row
        }
        // Read outside the transaction: a store call must not hold a row lock or a connection.
        Optional<DreamManifest> stored = rows.find(event.dreamId()).isPresent() ? Optional.empty()
                : manifests.apply(event.dreamId());
        return Sql.inTransaction(rows.dataSource(), c -> {
            if (!record(c, event)) {
                return Result.DUPLICATE;
            }
            Optional<DreamMerge.Known> known = rows.find(c, event.dreamId(), true);
            if (known.isEmpty()) {
                if (stored.isEmpty()) {
                    LOG.debugf("%s of %s: no such dream (deleted?), ignored", event.type(), event.dreamId());
                    return Result.UNKNOWN_DREAM;
                }
                rows.putManifest(c, stored.get());
                known = rows.find(c, event.dreamId(), true);
            }
            Optional<DreamMerge.Known> next = DreamMerge.apply(known.orElseThrow(), event);
            if (next.isEmpty()) {
                return Result.NO_CHANGE;
            }
            rows.update(c, next.get());
            if (queue != null) {
                learnFrom(c, event, next.get().entry().manifest());
            }
            return Result.APPLIED;
        });
    }

    /** The entry this event would make of the row as it is now (for live progress; nothing is written). */
    public Optional<DreamEntry> preview(DreamEvent event) {
        return rows.find(event.dreamId()).map(k -> DreamMerge.apply(k, event).map(DreamMerge.Known::entry)
                .orElse(k.entry()));
    }

    /** Forgets eventIds applied longer ago than {@code age} (far beyond any redelivery); answers how many. */
    public int pruneAppliedEvents(Duration age) {
        return Sql.once(rows.dataSource(), c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM applied_event WHERE applied_at < now() - make_interval(secs => ?)")) {
                st.setLong(1, age.toSeconds());
                return st.executeUpdate();
            }
        });
    }

    /** A dream that ends leaves the queue; a completed one teaches its worker's speed (once: eventIds). */
    private void learnFrom(Connection c, DreamEvent event, DreamManifest now) throws SQLException {
        if (!now.status().isFinal()) {
            return;
        }
        queue.partitions().forget(c, now.id());
        if (event instanceof DreamCompleted done && done.queueMs() > 0 && done.worker() != null) {
            queue.speeds().learn(c, done.worker(), now.spec().workMegapixelSteps(), Duration.ofMillis(done.queueMs()));
        }
    }

    /** Records the eventId; false when it was recorded before. */
    private static boolean record(Connection c, DreamEvent event) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO applied_event (event_id, dream_id) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING")) {
            st.setString(1, event.eventId());
            Sql.setId(st, 2, event.dreamId());
            return st.executeUpdate() == 1;
        }
    }
}
