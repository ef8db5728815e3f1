package dev.oneira.worker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The retry schedule the docs quote (docs/architecture.md, "Failures"), with the production defaults. */
class BackoffTest {

    private static final Backoff DEFAULTS = new Backoff(6, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(15));

    @Test
    void waitsDoubleFromOneSecondUpToThirtySeconds() {
        List<Long> waits = new ArrayList<>();
        for (int failed = 1; failed <= 8; failed++) {
            waits.add(DEFAULTS.delayAfter(failed).toSeconds());
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void anOutageIsRiddenOutForTheWholeBudgetNotJustTheAttempts() {
        // Six instant failures take 31 s of waiting: where the old retries gave up (about 32 s).
        assertThat(DEFAULTS.exhausted(6, Duration.ofSeconds(31))).isFalse();
        assertThat(DEFAULTS.exhausted(30, Duration.ofMinutes(14))).isFalse();
        assertThat(DEFAULTS.exhausted(34, Duration.ofMinutes(15))).isTrue();
        // A hanging store (each try takes the call timeout) still gets its attempts.
        assertThat(DEFAULTS.exhausted(5, Duration.ofMinutes(20))).isFalse();
        assertThat(DEFAULTS.exhausted(6, Duration.ofMinutes(20))).isTrue();
    }

    @Test
    void tryingUntilTheBudgetIsSpentTakesThirtyFiveTriesWhenEachFailsAtOnce() {
        Duration waited = Duration.ZERO;
        int attempts = 1;
        while (!DEFAULTS.exhausted(attempts, waited)) {
            waited = waited.plus(DEFAULTS.delayAfter(attempts));
            attempts++;
        }
        assertThat(attempts).isEqualTo(35);
        assertThat(waited).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(15).plusSeconds(30));
    }
}
