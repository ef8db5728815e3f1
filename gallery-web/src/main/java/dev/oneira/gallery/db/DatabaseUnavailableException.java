package dev.oneira.gallery.db;

import java.sql.SQLException;

/**
 * The gallery's database did not answer or refused a statement. The person sees plain words (the
 * HTTP edge maps this to 503); the cause, with SQL state, goes to the log.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(SQLException cause) {
        super("the gallery database is unavailable: " + cause.getMessage() + " (SQL state " + cause.getSQLState()
                + ")", cause);
    }
}
