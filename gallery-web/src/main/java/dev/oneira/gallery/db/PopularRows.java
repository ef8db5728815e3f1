package dev.oneira.gallery.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.social.Popularity;
import dev.oneira.shared.id.DreamId;

/**
 * The popular order's part of the {@code dream} table (issue 12): the {@code likes} count and the
 * {@code popular_rank} kept with it, and the keyset page by rank. Apart from {@link DreamRows} only to keep
 * each class readable in one sitting; they share its column list, listing rule and row mapping.
 */
public final class PopularRows {

    private final DataSource ds;

    public PopularRows(DreamRows rows) {
        this.ds = rows.dataSource();
    }

    /** One page of the popular order: the dreams, and the rank and id of the last one when more follow. */
    public record RankedPage(List<DreamEntry> dreams, double nextRank, DreamId next) {
    }

    /**
     * Public dreams, most popular first ({@link Popularity#rank}, then id), strictly after ({@code rank},
     * {@code after}) (null: from the top), from the partial index {@code dream_public_popular} (keyset).
     */
    public RankedPage popularPage(double rank, DreamId after, int limit) {
        return Sql.once(ds, c -> {
            String sql = "SELECT " + DreamRows.READ + " FROM dream WHERE " + DreamRows.LISTED
                    + (after == null ? "" : " AND (popular_rank, id) < (?, ?)")
                    + " ORDER BY popular_rank DESC, id DESC LIMIT ?";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                int i = 1;
                if (after != null) {
                    st.setDouble(i++, rank);
                    Sql.setId(st, i++, after);
                }
                st.setInt(i, limit + 1);
                List<DreamEntry> out = new ArrayList<>(limit + 1);
                double lastRank = 0;
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next() && out.size() < limit + 1) {
                        out.add(DreamRows.known(rs).entry());
                        if (out.size() == limit) {
                            lastRank = rs.getDouble("popular_rank");
                        }
                    }
                }
                if (out.size() > limit) {
                    out = out.subList(0, limit);
                    return new RankedPage(List.copyOf(out), lastRank, out.get(limit - 1).manifest().id());
                }
                return new RankedPage(List.copyOf(out), 0, null);
            }
        });
    }

    /**
     * Counts one like more ({@code delta} 1) or one less (-1) on a dream locked by the caller's transaction
     * ({@link LikeRows}), and moves its popular rank with it. Answers the new count.
     */
    int adjustLikes(Connection c, DreamId id, int delta) throws SQLException {
        int likes;
        java.time.Instant created;
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE dream SET likes = greatest(likes + ?, 0) WHERE id = ? RETURNING likes, created_at")) {
            st.setInt(1, delta);
            Sql.setId(st, 2, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                likes = rs.getInt("likes");
                created = Sql.time(rs, "created_at");
            }
        }
        try (PreparedStatement st = c.prepareStatement("UPDATE dream SET popular_rank = ? WHERE id = ?")) {
            st.setDouble(1, Popularity.rank(created, likes));
            Sql.setId(st, 2, id);
            st.executeUpdate();
        }
        return likes;
    }
}
