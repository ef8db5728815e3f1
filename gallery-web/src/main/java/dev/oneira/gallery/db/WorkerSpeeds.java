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
 * ({@code DreamSpec.workMegapixelSteps}) as moving averages of seconds and work ({@link QueueEstimator#learn}),
 * learnt from
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
        QueueEstimator.Pace previous = null;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT avg_seconds, avg_work FROM worker_speed WHERE worker = ? FOR UPDATE")) {
            st.setString(1, worker);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    previous = new QueueEstimator.Pace(rs.getDouble(1), rs.getDouble(2));
                }
            }
        }
        QueueEstimator.Pace next = QueueEstimator.learn(previous, work, elapsed);
        try (PreparedStatement st = c.prepareStatement("INSERT INTO worker_speed (worker, avg_seconds, avg_work, samples,"
                + " updated_at) VALUES (?, ?, ?, 1, now()) ON CONFLICT (worker) DO UPDATE SET avg_seconds ="
                + " excluded.avg_seconds, avg_work = excluded.avg_work, samples = worker_speed.samples + 1,"
                + " updated_at = now()")) {
            st.setString(1, worker);
            st.setDouble(2, next.seconds());
            st.setDouble(3, next.work());
            st.executeUpdate();
        }
    }

    /** Every worker's figure. */
    public QueueEstimator.Speeds all() {
        return Sql.once(ds, c -> {
            Map<String, Double> speeds = new HashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT worker, avg_seconds, avg_work FROM worker_speed");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    speeds.put(rs.getString(1), new QueueEstimator.Pace(rs.getDouble(2), rs.getDouble(3)).secondsPerUnit());
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
