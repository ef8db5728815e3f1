package dev.oneira.gallery.index;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.oneira.gallery.db.DreamRows;
import dev.oneira.gallery.db.EventProjection;
import dev.oneira.gallery.eta.Etas;
import dev.oneira.gallery.eta.QueueEstimator;
import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;

/**
 * The gallery's read model as the pages and the API see it: every dream by id and the public ones
 * newest first, read from PostgreSQL ({@link DreamRows}) on every request, so every gallery instance
 * sees the same dreams, deletions and hidings at once. Nothing is read from the object store here.
 *
 * <p>Also the hub of live progress: {@link #watch} registers a page's event stream, and the instance's
 * own {@link EventFollower} hands every event of dream-events to {@link #relay}, which shows the watchers
 * the row as that event makes it (whether or not the projection, on whichever instance, has stored it
 * yet). Thread-safe.
 */
public final class DreamIndex {

    private static final Logger LOG = Logger.getLogger(DreamIndex.class);

    private final DreamRows rows;
    private final EventProjection projection;
    private final StallPolicy stall;
    private final Etas etas;
    private final NetworkNow network;
    private final Map<DreamId, List<Consumer<DreamEntry>>> watchers = new ConcurrentHashMap<>();

    public DreamIndex(DreamRows rows, EventProjection projection, StallPolicy stall) {
        this(rows, projection, stall, null);
    }

    /** @param etas the queue estimates (issue 15); null where there are none */
    public DreamIndex(DreamRows rows, EventProjection projection, StallPolicy stall, Etas etas) {
        this.rows = rows;
        this.projection = projection;
        this.stall = stall;
        this.etas = etas;
        this.network = new NetworkNow(rows::newestEngine);
    }

    /** (new, issue 15) The network the workers dream with now, as far as this instance knows. */
    public java.util.Optional<dev.oneira.shared.manifest.EngineIdentity> networkNow() {
        return network.get();
    }

    /** When a QUEUED or DREAMING dream will start and be done; empty for others and when unknown. */
    public Optional<QueueEstimator.Estimate> estimate(DreamEntry entry) {
        return etas == null ? Optional.empty() : etas.of(entry);
    }

    /** Records where the dream's request went, so its queue can be estimated. */
    public void recordPartition(DreamId id, int partition, double work) {
        if (etas != null && partition >= 0) {
            etas.partitions().record(id, partition, work);
        }
    }

    /** A DREAMING dream no worker has reported on for longer than the stall timeout: shown as waiting. */
    public boolean waitingForWorker(DreamEntry entry) {
        return stall.waitingForWorker(entry, Instant.now());
    }

    /** One page of public dreams, newest first, strictly older than {@code before} (null: from the newest). */
    public record Page(List<DreamEntry> dreams, DreamId next) {
    }

    public Optional<DreamEntry> get(DreamId id) {
        return rows.find(id).map(DreamMerge.Known::entry);
    }

    /** Records a new dream's manifest (the upload's row); answers the entry. */
    public DreamEntry put(DreamManifest manifest) {
        rows.insert(manifest);
        DreamEntry entry = new DreamEntry(manifest, null);
        notifyWatchers(entry);
        return entry;
    }

    /** Forgets a dream (after deleting it, or when its upload failed). */
    public void remove(DreamId id) {
        rows.delete(id);
    }

    /** Hides or shows the dream on every instance (the row's visibility). */
    public void setVisibility(DreamId id, dev.oneira.shared.manifest.Visibility visibility) {
        rows.setVisibility(id, visibility);
    }

    public long size() {
        return rows.estimatedCount();
    }

    /** How many dreams have this status (for metrics; QUEUED is counted from its partial index). */
    public long count(dev.oneira.shared.manifest.DreamStatus status) {
        return rows.count(status);
    }

    public Page page(DreamId before, int limit) {
        DreamRows.Page page = rows.page(before, limit);
        return new Page(page.dreams(), page.next());
    }

    /** (new, issue 15) One page of the public remixes of {@code source}, newest first. */
    public Page remixes(DreamId source, DreamId before, int limit) {
        DreamRows.Page page = rows.remixes(source, before, limit);
        return new Page(page.dreams(), page.next());
    }

    /** 1 for the next dream a worker takes: queued dreams older than this (queued) one, plus one. */
    public int queuePosition(DreamId id) {
        return rows.queuePosition(id);
    }

    /** An event from dream-events, seen by this instance: shown to the dream's watchers, if it has any. */
    public void relay(DreamEvent event) {
        network.observe(event);
        if (!watchers.containsKey(event.dreamId())) {
            return;
        }
        projection.preview(event).ifPresent(this::notifyWatchers);
    }

    /** Calls {@code watcher} with every change of the dream until the returned handle is closed. */
    public AutoCloseable watch(DreamId id, Consumer<DreamEntry> watcher) {
        watchers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(watcher);
        return () -> watchers.computeIfPresent(id, (k, list) -> {
            list.remove(watcher);
            return list.isEmpty() ? null : list;
        });
    }

    private void notifyWatchers(DreamEntry entry) {
        List<Consumer<DreamEntry>> list = watchers.get(entry.manifest().id());
        if (list != null) {
            for (Consumer<DreamEntry> w : list) {
                try {
                    w.accept(entry);
                } catch (RuntimeException e) {
                    LOG.debugf("watcher failed: %s", e.getMessage());
                }
            }
        }
    }
}
