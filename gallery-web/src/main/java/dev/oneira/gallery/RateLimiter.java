package dev.oneira.gallery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.oneira.gallery.image.UploadRejected;

/**
 * At most {@code limit} accepted uploads per client per window (sliding window, in memory, per
 * instance). Only uploads that were accepted count: {@link #check} before the work refuses a client
 * that is already at the limit, {@link #acquire} once the upload passed every check counts it, and
 * {@link #release} un-counts one that then could not be stored or queued. Bad input is answered with
 * what is wrong with it (400, 415, 422), never with "too many".
 */
public final class RateLimiter {

    private final Map<String, Deque<Long>> uploads = new ConcurrentHashMap<>();
    private volatile int limit;
    private volatile Duration window;

    public RateLimiter(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    /** Throws a 429 {@link UploadRejected} when {@code client} already made its accepted uploads; counts nothing. */
    public void check(String client) {
        Deque<Long> times = uploads.get(client);
        if (times == null) {
            return;
        }
        long now = System.nanoTime();
        long span = window.toNanos();
        synchronized (times) {
            while (!times.isEmpty() && now - times.peekFirst() >= span) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                throw new RateLimited(limit, window, Math.max(1, (span - (now - times.peekFirst())) / 1_000_000_000L));
            }
        }
    }

    /** Un-counts the latest upload of {@code client} (it was not stored or queued after all). */
    public void release(String client) {
        Deque<Long> times = uploads.get(client);
        if (times != null) {
            synchronized (times) {
                times.pollLast();
            }
        }
    }

    /** Counts one upload of {@code client}, or throws a 429 {@link UploadRejected} saying when to try again. */
    public void acquire(String client) {
        long now = System.nanoTime();
        long span = window.toNanos();
        Deque<Long> times = uploads.computeIfAbsent(client, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && now - times.peekFirst() >= span) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                long waitSeconds = Math.max(1, (span - (now - times.peekFirst())) / 1_000_000_000L);
                throw new RateLimited(limit, window, waitSeconds);
            }
            times.addLast(now);
        }
        if (uploads.size() > 100_000) {
            uploads.clear(); // bounded memory; a reset only ever lets someone through early
        }
    }

    /** For tests: a different limit, counts cleared. */
    public void reconfigure(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
        uploads.clear();
    }

    public static final class RateLimited extends UploadRejected {
        private final long retryAfterSeconds;

        RateLimited(int limit, Duration window, long retryAfterSeconds) {
            super(429, "Too many uploads", "You have sent " + limit + " photos in the last " + human(window)
                    + ", the most we take from one person. Please try again in " + human(Duration.ofSeconds(
                    retryAfterSeconds)) + ".");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 90) {
            return s + (s == 1 ? " second" : " seconds");
        }
        long m = (s + 30) / 60;
        return m + (m == 1 ? " minute" : " minutes");
    }
}
