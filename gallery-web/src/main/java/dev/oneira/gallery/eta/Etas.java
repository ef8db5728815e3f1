package dev.oneira.gallery.eta;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.oneira.gallery.db.DatabaseUnavailableException;
import dev.oneira.gallery.db.RequestPartitions;
import dev.oneira.gallery.db.WorkerSpeeds;
import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.shared.manifest.DreamStatus;

/**
 * A dream's estimate as the API and its page show it: the queue of its partition and the measured
 * speeds from the database, the arithmetic in {@link QueueEstimator}. Only while QUEUED or DREAMING,
 * and only for dreams whose partition was recorded (not those uploaded before issue 15).
 */
public final class Etas {

    private static final Logger LOG = Logger.getLogger(Etas.class);
    /** A worker done with a dream this recently still counts as running. */
    static final Duration RUNNING_WINDOW = Duration.ofMinutes(15);

    private final RequestPartitions partitions;
    private final WorkerSpeeds speeds;

    public Etas(RequestPartitions partitions, WorkerSpeeds speeds) {
        this.partitions = partitions;
        this.speeds = speeds;
    }

    public RequestPartitions partitions() {
        return partitions;
    }

    public WorkerSpeeds speeds() {
        return speeds;
    }

    public Optional<QueueEstimator.Estimate> of(DreamEntry entry) {
        DreamStatus status = entry.manifest().status();
        if (status != DreamStatus.QUEUED && status != DreamStatus.DREAMING) {
            return Optional.empty();
        }
        try {
            Optional<RequestPartitions.Queue> queue = partitions.queueOf(entry.manifest().id());
            if (queue.isEmpty()) {
                return Optional.empty();
            }
            QueueEstimator.Job self = selfAsShown(entry, queue.get().self());
            double share = QueueEstimator.share(partitions.busyPartitions(), speeds.running(RUNNING_WINDOW));
            return Optional.of(QueueEstimator.estimate(Instant.now(), queue.get().ahead(), self, speeds.all(), share));
        } catch (DatabaseUnavailableException e) {
            // an estimate is a nicety: the page and the API answer without it
            LOG.debugf("no estimate for %s: %s", entry.manifest().id(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The entry may be ahead of its row (a live event not yet projected): its own state wins. */
    private static QueueEstimator.Job selfAsShown(DreamEntry entry, QueueEstimator.Job stored) {
        var m = entry.manifest();
        if (m.status() == DreamStatus.DREAMING && m.startedAt() != null) {
            double fraction = entry.progress() == null ? 0 : entry.progress().fraction();
            return new QueueEstimator.Job(stored.work(), m.startedAt(), fraction, m.worker());
        }
        return stored;
    }
}
