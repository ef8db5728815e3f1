package dev.oneira.gallery.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.oneira.gallery.eta.QueueEstimator.Job;
import dev.oneira.shared.id.DreamId;

/**
 * The {@code dream_partition} table (issue 15): for each dream not yet final, the dream-requests partition
 * its request went to and its work. The one place that reads and writes it. Rows go when the dream ends
 * ({@link #forget}, by the projection), so the table is as small as the queue.
 */
public final class RequestPartitions {

    /** A dream's partition and the open dreams in it up to and including this one, oldest first. */
    public record Queue(int partition, List<Job> ahead, Job self) {
    }

    private final DataSource ds;

    public RequestPartitions(DataSource ds) {
        this.ds = ds;
    }

    /** Where the upload's request went (after the broker's ack); the dream's row exists. */
    public void record(DreamId id, int partition, double work) {
        Sql.once(ds, c -> {
            // not for a dream a fast worker has finished already (its end removed nothing yet to remove)
            try (PreparedStatement st = c.prepareStatement("INSERT INTO dream_partition (dream_id, request_partition,"
                    + " work) SELECT id, ?, ? FROM dream WHERE id = ? AND status IN ('QUEUED', 'DREAMING')"
                    + " ON CONFLICT (dream_id) DO NOTHING")) {
                st.setInt(1, partition);
                st.setDouble(2, work);
                Sql.setId(st, 3, id);
                return st.executeUpdate();
            }
        });
    }

    /** The dream ended (done or failed): it no longer holds anyone up. */
    void forget(Connection c, DreamId id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM dream_partition WHERE dream_id = ?")) {
            Sql.setId(st, 1, id);
            st.executeUpdate();
        }
    }

    /** The dream's queue; empty when its partition was not recorded (older dreams, or already final). */
    public Optional<Queue> queueOf(DreamId id) {
        return Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT p.dream_id, p.work, d.status,"
                    + " d.manifest->>'startedAt' AS started_at, d.manifest->>'worker' AS worker,"
                    + " coalesce((d.progress->>'fraction')::float8, 0) AS fraction, p.request_partition"
                    + " FROM dream_partition p JOIN dream d ON d.id = p.dream_id"
                    + " WHERE p.request_partition = (SELECT request_partition FROM dream_partition WHERE dream_id = ?)"
                    + " AND p.dream_id <= ? AND d.status IN ('QUEUED', 'DREAMING') ORDER BY p.dream_id")) {
                Sql.setId(st, 1, id);
                Sql.setId(st, 2, id);
                List<Job> jobs = new ArrayList<>();
                Job self = null;
                int partition = -1;
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        boolean dreaming = "DREAMING".equals(rs.getString("status"));
                        String started = rs.getString("started_at");
                        Job job = dreaming && started != null
                                ? new Job(rs.getDouble("work"), Instant.parse(started), rs.getDouble("fraction"),
                                rs.getString("worker"))
                                : Job.queued(rs.getDouble("work"));
                        partition = rs.getInt("request_partition");
                        if (Sql.id(rs, "dream_id").equals(id)) {
                            self = job;
                        } else {
                            jobs.add(job);
                        }
                    }
                }
                return self == null ? Optional.<Queue>empty() : Optional.of(new Queue(partition, jobs, self));
            }
        });
    }

    /** Partitions with a dream queued or being dreamt. */
    public int busyPartitions() {
        return Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT count(DISTINCT p.request_partition) FROM"
                    + " dream_partition p JOIN dream d ON d.id = p.dream_id WHERE d.status IN ('QUEUED', 'DREAMING')");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
