package dev.oneira.gallery.eta;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * When a dream will start and be done. Work is {@code DreamSpec.workMegapixelSteps()} (the one
 * definition, the spec's work bound), speed is seconds per unit of that work. One partition of
 * dream-requests is dreamt in order by one worker, so a dream waits for the rest of the dream being
 * dreamt in its partition and every dream queued before it there; a worker that serves more busy
 * partitions than there are workers shares its time between them ({@link #share}).
 */
public final class QueueEstimator {

    /** Seconds per unit of work for a worker never measured: docs/benchmarks.md's 2-core CPU figure. */
    public static final double DEFAULT_SECONDS_PER_UNIT = 2.2;
    /** The weight of the newest measurement in a worker's moving average. */
    public static final double SMOOTHING = 0.3;

    private QueueEstimator() {
    }

    /**
     * A dream in the queue of a partition.
     *
     * @param work      its work units
     * @param startedAt when a worker took it; null while queued
     * @param fraction  its progress, 0..1 (0 while queued)
     * @param worker    the worker dreaming it; null while queued
     */
    public record Job(double work, Instant startedAt, double fraction, String worker) {
        public static Job queued(double work) {
            return new Job(work, null, 0, null);
        }

        boolean started() {
            return startedAt != null;
        }
    }

    /** When the dream starts (or started) and when it will be done; never before {@code now}. */
    public record Estimate(Instant startAt, Instant completionAt) {
    }

    /** Measured seconds per unit of work by worker, and what to assume for an unmeasured one. */
    public record Speeds(Map<String, Double> byWorker) {
        public Speeds {
            byWorker = Map.copyOf(byWorker);
        }

        /** The worker's own figure; else the mean of those measured; else {@link #DEFAULT_SECONDS_PER_UNIT}. */
        public double of(String worker) {
            Double own = worker == null ? null : byWorker.get(worker);
            if (own != null) {
                return own;
            }
            return byWorker.values().stream().mapToDouble(Double::doubleValue).average()
                    .orElse(DEFAULT_SECONDS_PER_UNIT);
        }
    }

    /**
     * A worker's moving averages of a dream's seconds and of its work; their ratio is its seconds per unit.
     * Averaging both, rather than each dream's ratio, keeps small dreams (whose time is mostly the fixed
     * cost of reading, storing and announcing) from swamping the figure: each weighs in by its work.
     */
    public record Pace(double seconds, double work) {
        public double secondsPerUnit() {
            return seconds / Math.max(work, 1e-9);
        }
    }

    /** A worker's new averages after a dream of {@code work} units took {@code elapsed}. */
    public static Pace learn(Pace previous, double work, Duration elapsed) {
        double seconds = elapsed.toMillis() / 1000.0;
        if (previous == null) {
            return new Pace(seconds, work);
        }
        return new Pace(previous.seconds() + SMOOTHING * (seconds - previous.seconds()),
                previous.work() + SMOOTHING * (work - previous.work()));
    }

    /** How many partitions' turns one worker takes: 1 when each busy partition has a worker of its own. */
    public static double share(int busyPartitions, int workersRunning) {
        return Math.max(1.0, (double) busyPartitions / Math.max(1, workersRunning));
    }

    /**
     * @param ahead the jobs before this one in its partition, oldest first: at most one started
     * @param self  the dream to estimate
     * @param share {@link #share}
     */
    public static Estimate estimate(Instant now, List<Job> ahead, Job self, Speeds speeds, double share) {
        // The worker of the partition is the one dreaming there now, when one is: it takes the rest too.
        String partitionWorker = self.started() ? self.worker() : ahead.stream().filter(Job::started)
                .map(Job::worker).findFirst().orElse(null);
        double speed = speeds.of(partitionWorker);
        if (self.started()) {
            Instant end = now.plus(seconds(remaining(self, speed) * share));
            return new Estimate(self.startedAt(), end);
        }
        double wait = 0;
        for (Job j : ahead) {
            wait += j.started() ? remaining(j, speed) : j.work() * speed;
        }
        Instant start = now.plus(seconds(wait * share));
        return new Estimate(start, start.plus(seconds(self.work() * speed * share)));
    }

    /** Seconds still to go of a started job, from its work and progress. */
    private static double remaining(Job j, double speed) {
        return j.work() * speed * (1 - Math.min(1, Math.max(0, j.fraction())));
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(Math.max(0, s) * 1000));
    }
}
