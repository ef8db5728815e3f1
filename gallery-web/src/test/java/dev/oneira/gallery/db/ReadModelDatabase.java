package dev.oneira.gallery.db;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import dev.oneira.testing.TestPostgres;

/** A fresh database of the test JVM's PostgreSQL, with the gallery's migrations applied (as Quarkus does at start). */
public final class ReadModelDatabase {

    private ReadModelDatabase() {
    }

    public static DataSource fresh() {
        DataSource ds = TestPostgres.newDatabase("readmodel").dataSource();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return ds;
    }
}
