package dev.oneira.gallery.eta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.oneira.gallery.eta.QueueEstimator.Estimate;
import dev.oneira.gallery.eta.QueueEstimator.Job;
import dev.oneira.gallery.eta.QueueEstimator.Speeds;

class QueueEstimatorTest {

    static final Instant NOW = Instant.parse("2026-12-02T20:00:00Z");
    static final Speeds TWO_WORKERS = new Speeds(Map.of("w1", 2.0, "w2", 4.0));

    @Test
    void aDreamAloneStartsNowAndTakesItsWorkTimesTheSpeed() {
        Estimate e = QueueEstimator.estimate(NOW, List.of(), Job.queued(10), new Speeds(Map.of("w1", 2.0)), 1);
        assertThat(e.startAt()).isEqualTo(NOW);
        assertThat(e.completionAt()).isEqualTo(NOW.plusSeconds(20));
    }

    @Test
    void itWaitsForTheRestOfTheDreamBeingDreamtAndEveryDreamQueuedBeforeIt() {
        // w2 dreams a 10-unit dream, 40% done: 24 s left at 4 s per unit; then 5 units queued: 20 s
        List<Job> ahead = List.of(new Job(10, NOW.minusSeconds(16), 0.4, "w2"), Job.queued(5));
        Estimate e = QueueEstimator.estimate(NOW, ahead, Job.queued(3), TWO_WORKERS, 1);
        assertThat(e.startAt()).isEqualTo(NOW.plusSeconds(44));
        assertThat(e.completionAt()).isEqualTo(NOW.plusSeconds(44 + 12));
    }

    @Test
    void aDreamBeingDreamtEndsAfterWhatIsLeftOfItAndKeepsItsStart() {
        Instant started = NOW.minusSeconds(30);
        Estimate e = QueueEstimator.estimate(NOW, List.of(), new Job(10, started, 0.75, "w1"), TWO_WORKERS, 1);
        assertThat(e.startAt()).isEqualTo(started);
        assertThat(e.completionAt()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void anUnmeasuredWorkerIsAssumedAsFastAsTheMeanAndWithNoneMeasuredTheDefault() {
        assertThat(TWO_WORKERS.of("new-worker")).isEqualTo(3.0);
        assertThat(TWO_WORKERS.of(null)).isEqualTo(3.0);
        assertThat(new Speeds(Map.of()).of("w1")).isEqualTo(QueueEstimator.DEFAULT_SECONDS_PER_UNIT);
    }

    @Test
    void fewerWorkersThanBusyPartitionsStretchTheWait() {
        assertThat(QueueEstimator.share(4, 2)).isEqualTo(2.0);
        assertThat(QueueEstimator.share(1, 3)).isEqualTo(1.0);
        assertThat(QueueEstimator.share(3, 0)).isEqualTo(3.0);
        Estimate e = QueueEstimator.estimate(NOW, List.of(Job.queued(5)), Job.queued(5), new Speeds(Map.of()), 2);
        assertThat(Duration.between(NOW, e.startAt()).toMillis()).isEqualTo(22_000);
        assertThat(Duration.between(e.startAt(), e.completionAt()).toMillis()).isEqualTo(22_000);
    }

    @Test
    void theMovingAveragesStartAtTheFirstDreamAndMoveAPartOfTheWayToEachNext() {
        QueueEstimator.Pace first = QueueEstimator.learn(null, 10, Duration.ofSeconds(20));
        assertThat(first.secondsPerUnit()).isEqualTo(2.0);
        QueueEstimator.Pace second = QueueEstimator.learn(first, 10, Duration.ofSeconds(40));
        assertThat(second.seconds()).isCloseTo(20 + QueueEstimator.SMOOTHING * 20, within(1e-9));
        assertThat(second.secondsPerUnit()).isCloseTo((20 + QueueEstimator.SMOOTHING * 20) / 10, within(1e-9));
    }

    @Test
    void smallDreamsWeighInByTheirWorkSoTheirFixedCostDoesNotSwampTheSpeed() {
        // many tiny dreams: 2 s each, mostly fixed cost, for 0.02 units (100 s per unit, each alone)
        QueueEstimator.Pace pace = null;
        for (int i = 0; i < 10; i++) {
            pace = QueueEstimator.learn(pace, 0.02, Duration.ofSeconds(2));
        }
        // then two real ones at 60 s per unit
        pace = QueueEstimator.learn(pace, 0.4, Duration.ofSeconds(24));
        pace = QueueEstimator.learn(pace, 0.4, Duration.ofSeconds(24));
        assertThat(pace.secondsPerUnit()).isBetween(60.0, 70.0);
    }

    @Test
    void aJobPastItsEstimateIsNotGivenNegativeTime() {
        Estimate e = QueueEstimator.estimate(NOW, List.of(new Job(1, NOW.minusSeconds(600), 1.0, "w1")),
                Job.queued(1), TWO_WORKERS, 1);
        assertThat(e.startAt()).isEqualTo(NOW);
    }
}
