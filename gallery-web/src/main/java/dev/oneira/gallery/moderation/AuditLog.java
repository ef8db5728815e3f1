package dev.oneira.gallery.moderation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.oneira.gallery.db.Sql;
import dev.oneira.shared.id.DreamId;

/**
 * The {@code moderation_audit} table: who did what to which dream, and when. Rows are only added; a
 * removed dream's rows stay. The one place that reads and writes it.
 */
public final class AuditLog {

    private final DataSource ds;

    public AuditLog(DataSource ds) {
        this.ds = ds;
    }

    public enum Action {
        /** A held dream released to be dreamt. */
        APPROVE,
        /** A reported dream kept visible, its reports cleared. */
        KEEP,
        /** A report-hidden dream shown again. */
        RESTORE,
        /** A dream deleted with its images. */
        REMOVE
    }

    public record Entry(long id, String moderator, Instant at, Action action, DreamId dreamId, String reason) {
    }

    public void record(String moderator, Action action, DreamId dreamId, String reason) {
        Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO moderation_audit (moderator, action, dream_id, reason) VALUES (?, ?, ?, ?)")) {
                st.setString(1, moderator);
                st.setString(2, action.name());
                Sql.setId(st, 3, dreamId);
                st.setString(4, reason);
                return st.executeUpdate();
            }
        });
    }

    /** Newest first, strictly older than {@code before} (null: from the newest); keyset on the id. */
    public List<Entry> page(Long before, int limit) {
        return Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT id, moderator, at, action, dream_id, reason"
                    + " FROM moderation_audit" + (before == null ? "" : " WHERE id < ?") + " ORDER BY id DESC LIMIT ?")) {
                int i = 1;
                if (before != null) {
                    st.setLong(i++, before);
                }
                st.setInt(i, limit);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong("id"), rs.getString("moderator"), Sql.time(rs, "at"),
                                Action.valueOf(rs.getString("action")), Sql.id(rs, "dream_id"), rs.getString("reason")));
                    }
                }
                return out;
            }
        });
    }

    /** The actions on one dream, oldest first. */
    public List<Entry> of(DreamId dreamId) {
        return Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT id, moderator, at, action, dream_id, reason"
                    + " FROM moderation_audit WHERE dream_id = ? ORDER BY id")) {
                Sql.setId(st, 1, dreamId);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong("id"), rs.getString("moderator"), Sql.time(rs, "at"),
                                Action.valueOf(rs.getString("action")), Sql.id(rs, "dream_id"), rs.getString("reason")));
                    }
                }
                return out;
            }
        });
    }
}
