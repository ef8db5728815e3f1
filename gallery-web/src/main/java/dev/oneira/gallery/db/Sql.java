package dev.oneira.gallery.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import dev.oneira.shared.id.DreamId;

/** Small JDBC helpers: transactions, ids and times as PostgreSQL takes them. */
public final class Sql {

    private Sql() {
    }

    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public static <T> T inTransaction(DataSource ds, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode (one statement, or reads). */
    public static <T> T once(DataSource ds, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    public static void setId(PreparedStatement st, int index, DreamId id) throws SQLException {
        st.setObject(index, id.toUuid());
    }

    public static DreamId id(ResultSet rs, String column) throws SQLException {
        return DreamId.parse(rs.getObject(column, UUID.class).toString());
    }

    public static void setTime(PreparedStatement st, int index, Instant at) throws SQLException {
        st.setTimestamp(index, Timestamp.from(at));
    }

    public static Instant time(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
