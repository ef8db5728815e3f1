package dev.oneira.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server (zonky's binaries from Maven Central, initdb + postgres as a child
 * process) on 127.0.0.1 and a free port, started once per test JVM and stopped when the JVM exits.
 * Tests take a fresh, empty database each ({@link #newDatabase}), so they never see each other's rows
 * while sharing one server (a start costs a few seconds, a database milliseconds).
 */
public final class TestPostgres {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** One database of the shared server. */
    public record Database(String name, String jdbcUrl) {

        public DataSource dataSource() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(jdbcUrl);
            ds.setUser(USER);
            ds.setPassword(PASSWORD);
            return ds;
        }
    }

    private TestPostgres() {
    }

    /** A new, empty database on the JVM's server (started on first use). */
    public static Database newDatabase(String prefix) {
        EmbeddedPostgres pg = server();
        String name = (prefix.replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet()).toLowerCase();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return new Database(name, pg.getJdbcUrl(USER, name));
    }

    public static synchronized int port() {
        return server().getPort();
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setPort(FreePorts.next())
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("fsync", "off") // test data: durability across a crash is not needed
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "200")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL: " + e.getMessage(), e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is going away; the server's data is a temporary folder
                }
            }, "test-postgres-stop"));
        }
        return server;
    }
}
