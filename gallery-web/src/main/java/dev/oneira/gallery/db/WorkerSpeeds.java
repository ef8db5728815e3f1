package dev.oneira.gallery.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import dev.oneira.gallery.eta.QueueEstimator;

/**
 * The {@code worker_speed} table (issue 15): each worker's seconds per unit of work
 * ({@code DreamSpec.workMegapixelSteps}), a moving average ({@link QueueEstimator#learn}) learnt from
 * DreamCompleted in the projection's transaction, so an event is learnt from once and the figures
 * survive restarts. The one place that reads and writes it.
 */
public final class WorkerSpeeds {

    private final DataSource ds;

    public WorkerSpeeds(DataSource ds) {
        this.ds = ds;
    }

    /** A dream of {@code work} units took {@code elapsed} on {@code worker}. */
    void learn(Connection c, String worker, double work, Duration elapsed) throws SQLException {
        Double previous = null;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT seconds_per_unit FROM worker_speed WHERE worker = ? FOR UPDATE")) {
            st.setString(1, worker);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    previous = rs.getDouble(1);
                }
            }
        }
        double next = QueueEstimator.learn(previous, work, elapsed);
        try (PreparedStatement st = c.prepareStatement("INSERT INTO worker_speed (worker, seconds_per_unit, samples,"
                + " updated_at) VALUES (?, ?, 1, now()) ON CONFLICT (worker) DO UPDATE SET seconds_per_unit ="
                + " excluded.seconds_per_unit, samples = worker_speed.samples + 1, updated_at = now()")) {
            st.setString(1, worker);
            st.setDouble(2, next);
            st.executeUpdate();
        }
    }

    /** Every worker's figure. */
    public QueueEstimator.Speeds all() {
        return Sql.once(ds, c -> {
            Map<String, Double> speeds = new HashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT worker, seconds_per_unit FROM worker_speed");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    speeds.put(rs.getString(1), rs.getDouble(2));
                }
            }
            return new QueueEstimator.Speeds(speeds);
        });
    }

    /** Workers dreaming now, or done with a dream within {@code recent}: those taking the queue. */
    public int running(Duration recent) {
        return Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM (SELECT worker FROM worker_speed"
                    + " WHERE updated_at > now() - make_interval(secs => ?) UNION SELECT manifest->>'worker' FROM dream"
                    + " WHERE status = 'DREAMING' AND manifest->>'worker' IS NOT NULL) w")) {
                st.setLong(1, recent.toSeconds());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
