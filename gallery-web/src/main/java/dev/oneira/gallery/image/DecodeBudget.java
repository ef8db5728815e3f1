package dev.oneira.gallery.image;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How much heap all image decodes in flight may use together. Each decode first reserves its
 * estimate; a decode that cannot get its share within {@code wait} is refused with
 * {@link Exhausted} (the gallery is saturated: try again shortly) instead of running the JVM out of
 * memory. A decode larger than the whole budget reserves all of it, so it runs alone. Plain Java;
 * thread-safe.
 */
public final class DecodeBudget {

    /** Reservations are counted in KiB so that an int semaphore covers any heap. */
    private static final long UNIT = 1024;

    private volatile Semaphore permits;
    private volatile int totalUnits;
    private volatile Duration wait;

    public DecodeBudget(long bytes, Duration wait) {
        reconfigure(bytes, wait);
    }

    /** {@code share} of this JVM's largest heap ({@code -Xmx}). */
    public static DecodeBudget ofHeapShare(double share, Duration wait) {
        return new DecodeBudget(bytesForHeapShare(share, Runtime.getRuntime().maxMemory()), wait);
    }

    static long bytesForHeapShare(double share, long maxHeap) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("oneira.gallery.decode-heap-share must be above 0 and at most 1 (was "
                    + share + ")");
        }
        return (long) (maxHeap * share);
    }

    /** For tests: another size and wait; reservations in flight are forgotten. */
    public void reconfigure(long bytes, Duration wait) {
        this.totalUnits = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / UNIT));
        this.permits = new Semaphore(totalUnits, true);
        this.wait = wait;
    }

    public long totalBytes() {
        return totalUnits * UNIT;
    }

    /** Reserves {@code bytes} (at most the whole budget), waiting up to the configured wait. Close to release. */
    public Reservation reserve(long bytes) {
        int units = (int) Math.max(1, Math.min(totalUnits, (bytes + UNIT - 1) / UNIT));
        Semaphore semaphore = permits;
        try {
            if (!semaphore.tryAcquire(units, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Exhausted(bytes, totalBytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Exhausted(bytes, totalBytes());
        }
        return () -> semaphore.release(units);
    }

    /** A held share of the budget. */
    public interface Reservation extends AutoCloseable {
        @Override
        void close();
    }

    /** Too many large photos are being decoded at once: not the person's fault, worth retrying soon. */
    public static final class Exhausted extends RuntimeException {
        /** Decodes of the largest photos take a few seconds; this is long enough for one to finish. */
        public static final long RETRY_AFTER_SECONDS = 5;

        Exhausted(long wanted, long total) {
            super("decode budget exhausted: wanted " + wanted / 1_000_000 + " MB of " + total / 1_000_000 + " MB");
        }

        public long retryAfterSeconds() {
            return RETRY_AFTER_SECONDS;
        }
    }
}
