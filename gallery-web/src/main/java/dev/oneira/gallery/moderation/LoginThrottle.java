package dev.oneira.gallery.moderation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import dev.oneira.gallery.db.Sql;

/**
 * The {@code login_failure} table: failed moderator logins per name and per client address, in
 * PostgreSQL so that every gallery instance slows the same guesser ({@link LoginBackoff} says how much).
 * The database's clock is the one clock. The one place that reads and writes the table.
 */
public final class LoginThrottle {

    private final DataSource ds;

    public LoginThrottle(DataSource ds) {
        this.ds = ds;
    }

    public static String nameKey(String name) {
        return "name:" + (name == null ? "" : name.toLowerCase());
    }

    public static String clientKey(String client) {
        return "client:" + client;
    }

    /** How long the most throttled of {@code keys} must still wait before its next attempt (zero: it may try now). */
    public Duration waitLeft(List<String> keys) {
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            Duration left = Sql.once(ds, c -> {
                try (PreparedStatement st = c.prepareStatement("SELECT count(*), extract(epoch FROM clock_timestamp()"
                        + " - max(failed_at)) FROM login_failure WHERE key = ? AND failed_at > clock_timestamp()"
                        + " - make_interval(secs => ?)")) {
                    st.setString(1, key);
                    st.setDouble(2, LoginBackoff.WINDOW.toSeconds());
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        int failures = rs.getInt(1);
                        Duration wait = LoginBackoff.waitAfter(failures);
                        if (wait.isZero()) {
                            return Duration.ZERO;
                        }
                        Duration since = Duration.ofMillis((long) (rs.getDouble(2) * 1000));
                        return since.compareTo(wait) >= 0 ? Duration.ZERO : wait.minus(since);
                    }
                }
            });
            if (left.compareTo(longest) > 0) {
                longest = left;
            }
        }
        return longest;
    }

    /** Counts a failed attempt against each of {@code keys}; old failures are pruned on the way. */
    public void failed(List<String> keys) {
        Sql.inTransaction(ds, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO login_failure (key, failed_at) VALUES (?, clock_timestamp())")) {
                for (String key : keys) {
                    st.setString(1, key);
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM login_failure WHERE failed_at"
                    + " < clock_timestamp() - make_interval(secs => ?)")) {
                st.setDouble(1, LoginBackoff.WINDOW.toSeconds());
                st.executeUpdate();
            }
            return null;
        });
    }

    /** A successful login forgets the name's failures (the client's stay: it may be guessing other names). */
    public void succeeded(String name) {
        Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM login_failure WHERE key = ?")) {
                st.setString(1, nameKey(name));
                return st.executeUpdate();
            }
        });
    }
}
