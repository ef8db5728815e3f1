package dev.oneira.gallery.db;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.index.DreamMerge;
import dev.oneira.shared.id.DreamId;

/**
 * The {@code dream_like} table (issue 12): one row per dream and client (a browser, by the hash of its
 * client id), and with it the dream row's count and popular rank ({@link PopularRows#adjustLikes}), in one
 * transaction that holds the dream's row lock, so concurrent likes of one dream are counted one by one
 * and the count always equals the rows. The one place that reads and writes the table.
 */
public final class LikeRows {

    private final DreamRows rows;
    private final PopularRows popular;

    public LikeRows(DreamRows rows) {
        this.rows = rows;
        this.popular = new PopularRows(rows);
    }

    /** A dream's likes after a like or unlike, and whether this client's like is there. */
    public record State(int likes, boolean liked) {
    }

    /**
     * Records {@code client}'s like of the dream, once: a second like is a no-op. {@code allowed} sees the
     * dream's row (locked) first and throws to refuse. Empty when there is no such dream.
     */
    public Optional<State> like(DreamId id, String client, Consumer<DreamEntry> allowed) {
        return Sql.inTransaction(rows.dataSource(), c -> {
            Optional<DreamMerge.Known> row = rows.find(c, id, true);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            allowed.accept(row.get().entry());
            int likes = row.get().entry().likes();
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO dream_like (dream_id, client) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                Sql.setId(st, 1, id);
                st.setString(2, client);
                if (st.executeUpdate() == 1) {
                    likes = popular.adjustLikes(c, id, 1);
                }
            }
            return Optional.of(new State(likes, true));
        });
    }

    /** Takes back {@code client}'s like of the dream; a no-op without one. Empty when there is no such dream. */
    public Optional<State> unlike(DreamId id, String client) {
        return Sql.inTransaction(rows.dataSource(), c -> {
            Optional<DreamMerge.Known> row = rows.find(c, id, true);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            int likes = row.get().entry().likes();
            try (PreparedStatement st = c.prepareStatement("DELETE FROM dream_like WHERE dream_id = ? AND client = ?")) {
                Sql.setId(st, 1, id);
                st.setString(2, client);
                if (st.executeUpdate() == 1) {
                    likes = popular.adjustLikes(c, id, -1);
                }
            }
            return Optional.of(new State(likes, false));
        });
    }

    /** Which of {@code ids} {@code client} likes (index {@code dream_like_client}). */
    public Set<DreamId> likedAmong(String client, Collection<DreamId> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Sql.once(rows.dataSource(), c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT dream_id FROM dream_like WHERE client = ? AND dream_id = ANY (?)")) {
                st.setString(1, client);
                Array array = c.createArrayOf("uuid", ids.stream().map(DreamId::toUuid).toArray(UUID[]::new));
                st.setArray(2, array);
                Set<DreamId> liked = new HashSet<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        liked.add(Sql.id(rs, "dream_id"));
                    }
                }
                return liked;
            }
        });
    }
}
