package dev.oneira.gallery.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.event.DreamFailed;
import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.event.DreamStarted;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamError;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;

/**
 * The gallery's read model: every dream by id, newest first (ids are UUIDv7, so id order is age
 * order). Built from the manifests in the object store and kept current by the events on
 * dream-events. In memory: a restart rebuilds it from the store, so nothing is lost.
 *
 * <p>Merge rule: events for one dream arrive in order and are applied as they come; a manifest read
 * from the store replaces what is known only if it is not behind (a final status is never undone by an
 * older manifest read). Thread-safe.
 */
public final class DreamIndex {

    private static final Logger LOG = Logger.getLogger(DreamIndex.class);

    private final ObjectStore store;
    private final StallPolicy stall;
    private final ConcurrentSkipListMap<DreamId, DreamEntry> dreams =
            new ConcurrentSkipListMap<>(Collections.reverseOrder());
    private final Map<DreamId, List<Consumer<DreamEntry>>> watchers = new ConcurrentHashMap<>();

    public DreamIndex(ObjectStore store) {
        this(store, new StallPolicy(StallPolicy.DEFAULT));
    }

    public DreamIndex(ObjectStore store, StallPolicy stall) {
        this.store = store;
        this.stall = stall;
    }

    /** A DREAMING dream no worker has reported on for longer than the stall timeout: shown as waiting. */
    public boolean waitingForWorker(DreamEntry entry) {
        return stall.waitingForWorker(entry, java.time.Instant.now());
    }

    /** One page of public dreams, newest first, strictly older than {@code before} (null: from the newest). */
    public record Page(List<DreamEntry> dreams, DreamId next) {
    }

    /** Reads every manifest in the store; answers how many dreams the index holds. */
    public int rebuild() {
        Set<DreamId> seen = new HashSet<>();
        for (String key : store.list(ObjectKeys.MANIFESTS)) {
            ObjectKeys.idOfManifestKey(key).ifPresent(id -> {
                seen.add(id);
                if (!dreams.containsKey(id) || !dreams.get(id).manifest().status().isFinal()) {
                    load(id);
                }
            });
        }
        // Dreams whose manifest is gone were deleted (possibly through another gallery instance).
        for (DreamId id : new ArrayList<>(dreams.keySet())) {
            if (!seen.contains(id)) {
                remove(id);
            }
        }
        return dreams.size();
    }

    /** Reads one manifest from the store into the index; empty when there is none (or it is unreadable). */
    public Optional<DreamEntry> load(DreamId id) {
        Optional<byte[]> bytes = store.get(ObjectKeys.manifest(id));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(put(ManifestCodec.decode(bytes.get())));
        } catch (RuntimeException e) {
            LOG.warnf("skipping unreadable manifest of %s: %s", id, e.getMessage());
            return Optional.empty();
        }
    }

    /** Records a manifest unless it is behind what is known; answers the entry now held. */
    public DreamEntry put(DreamManifest manifest) {
        DreamEntry entry = dreams.compute(manifest.id(), (id, old) -> {
            if (old == null) {
                return new DreamEntry(manifest, null);
            }
            DreamStatus known = old.manifest().status();
            if (known.isFinal() && !manifest.status().isFinal()) {
                return old;
            }
            return old.withManifest(manifest);
        });
        notifyWatchers(entry);
        return entry;
    }

    public Optional<DreamEntry> get(DreamId id) {
        return Optional.ofNullable(dreams.get(id));
    }

    /** Forgets a dream (after deleting it). */
    public void remove(DreamId id) {
        dreams.remove(id);
    }

    public int size() {
        return dreams.size();
    }

    /** How many dreams have this status (a scan: for metrics scraped every few seconds, not per request). */
    public long count(DreamStatus status) {
        return dreams.values().stream().filter(e -> e.manifest().status() == status).count();
    }

    public Page page(DreamId before, int limit) {
        Map<DreamId, DreamEntry> tail = before == null ? dreams : dreams.tailMap(before, false);
        List<DreamEntry> out = new ArrayList<>(limit);
        DreamId next = null;
        for (DreamEntry e : tail.values()) {
            if (e.manifest().visibility() == Visibility.HIDDEN) {
                continue;
            }
            if (out.size() == limit) {
                next = out.get(out.size() - 1).manifest().id();
                break;
            }
            out.add(e);
        }
        return new Page(out, next);
    }

    /** 1 for the next dream a worker takes: queued dreams older than this one, plus one. 0 when not queued. */
    public int queuePosition(DreamId id) {
        DreamEntry self = dreams.get(id);
        if (self == null || self.manifest().status() != DreamStatus.QUEUED) {
            return 0;
        }
        int ahead = 0;
        for (DreamEntry e : dreams.tailMap(id, false).values()) {
            if (e.manifest().status() == DreamStatus.QUEUED) {
                ahead++;
            }
        }
        return ahead + 1;
    }

    /** Applies an event from dream-events (or a DreamRequested). Unknown dreams are read from the store. */
    public void apply(DreamEvent event) {
        DreamId id = event.dreamId();
        DreamEntry known = dreams.get(id);
        if (known == null) {
            if (load(id).isEmpty()) {
                return; // deleted, or a manifest not written yet: the manifest itself will tell
            }
            known = dreams.get(id);
            if (known == null) {
                return;
            }
        }
        DreamManifest m = known.manifest();
        DreamEntry updated = known;
        if (event instanceof DreamStarted s) {
            if (!m.status().isFinal()) {
                updated = new DreamEntry(m.dreaming(m.spec().withSeed(s.seed()), s.worker(), s.at()), null);
            }
        } else if (event instanceof DreamProgress p) {
            if (!m.status().isFinal()) {
                updated = new DreamEntry(m.status() == DreamStatus.DREAMING ? m : m.withStatus(DreamStatus.DREAMING), p);
            }
        } else if (event instanceof DreamCompleted c) {
            updated = new DreamEntry(m.done(m.spec().withSeed(c.seed()), c.width(), c.height(), c.at(), c.elapsedMs(),
                    c.worker()), known.progress());
        } else if (event instanceof DreamFailed f) {
            if (m.status() != DreamStatus.DONE) {
                updated = new DreamEntry(m.failed(new DreamError(f.reason(), f.code(), f.retryable()), f.at()),
                        known.progress());
            }
        }
        if (updated != known) {
            dreams.put(id, updated);
            notifyWatchers(updated);
        }
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
