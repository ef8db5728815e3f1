package dev.oneira.gallery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import dev.oneira.gallery.db.DatabaseUnavailableException;
import dev.oneira.gallery.image.UploadRejected;

/**
 * At most {@code limit} accepted uploads per client per window (sliding window), counted in PostgreSQL
 * (table {@code upload_accepted}), so the limit holds across every gallery instance and restarts; the
 * database's clock is the one clock. Only uploads that were accepted count: {@link #check} before the
 * work refuses a client that is already at the limit, {@link #acquire} once the upload passed every
 * check counts it, and {@link #release} un-counts one that then could not be stored or queued. Bad
 * input is answered with what is wrong with it (400, 415, 422), never with "too many".
 */
public final class RateLimiter {

    /**
     * What a limiter counts: {@code key} goes before the client in the rows of {@code upload_accepted}
     * (uploads have none, as before), so each kind of action has its own count in the one table; the
     * rest words its 429.
     */
    public record Counted(String key, String title, String things) {
    }

    public static final Counted UPLOADS = new Counted("", "Too many uploads", "photos");

    private final DataSource ds;
    private final Counted counted;
    private volatile int limit;
    private volatile Duration window;
    private final AtomicLong acquired = new AtomicLong();

    public RateLimiter(DataSource ds, int limit, Duration window) {
        this(ds, UPLOADS, limit, window);
    }

    public RateLimiter(DataSource ds, Counted counted, int limit, Duration window) {
        this.ds = ds;
        this.counted = counted;
        this.limit = limit;
        this.window = window;
    }

    /** The rows of this limiter's kind: client addresses hold no space, so only other kinds' keys do. */
    private String ownRows() {
        return counted.key().isEmpty() ? "client NOT LIKE '% %'" : "client LIKE '" + counted.key() + " %'";
    }

    /** The row key of {@code client} for this limiter's kind of action. */
    private String key(String client) {
        return counted.key().isEmpty() ? client : counted.key() + " " + client;
    }

    /** Throws a 429 {@link UploadRejected} when {@code client} already made its accepted uploads; counts nothing. */
    public void check(String client) {
        try (Connection c = ds.getConnection()) {
            refuseIfFull(c, key(client));
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** Un-counts the latest upload of {@code client} (it was not stored or queued after all). */
    public void release(String client) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(
                "DELETE FROM upload_accepted WHERE ctid = (SELECT ctid FROM upload_accepted WHERE client = ?"
                        + " ORDER BY accepted_at DESC LIMIT 1)")) {
            st.setString(1, key(client));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** Counts one upload of {@code client}, or throws a 429 {@link UploadRejected} saying when to try again. */
    public void acquire(String clientAddress) {
        String client = key(clientAddress);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                // one client's uploads are counted one at a time, whichever instance they reach
                try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 11))")) {
                    st.setString(1, client);
                    st.execute();
                }
                refuseIfFull(c, client);
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO upload_accepted (client, accepted_at) VALUES (?, clock_timestamp())")) {
                    st.setString(1, client);
                    st.executeUpdate();
                }
                if (acquired.incrementAndGet() % 1000 == 0) {
                    prune(c); // bounded table: counts older than the window no longer matter
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    private void refuseIfFull(Connection c, String client) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*), extract(epoch FROM min(accepted_at)"
                + " + make_interval(secs => ?) - clock_timestamp()) FROM upload_accepted"
                + " WHERE client = ? AND accepted_at > clock_timestamp() - make_interval(secs => ?)")) {
            double seconds = window.toMillis() / 1000.0;
            st.setDouble(1, seconds);
            st.setString(2, client);
            st.setDouble(3, seconds);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getInt(1) >= limit) {
                    throw new RateLimited(counted, limit, window, Math.max(1, (long) Math.ceil(rs.getDouble(2))));
                }
            }
        }
    }

    private void prune(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM upload_accepted WHERE " + ownRows()
                        + " AND accepted_at < clock_timestamp() - make_interval(secs => ?)")) {
            st.setDouble(1, window.toMillis() / 1000.0);
            st.executeUpdate();
        }
    }

    /** For tests: a different limit, counts cleared. */
    public void reconfigure(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(
                "DELETE FROM upload_accepted WHERE " + ownRows())) {
            st.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    public static final class RateLimited extends UploadRejected {
        private final long retryAfterSeconds;

        RateLimited(Counted counted, int limit, Duration window, long retryAfterSeconds) {
            super(429, counted.title(), "You have sent " + limit + " " + counted.things() + " in the last " + human(window)
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
