/**
 * The gallery's read model in PostgreSQL, plain JDBC over a {@link javax.sql.DataSource}: the dream
 * rows ({@link dev.oneira.gallery.db.DreamRows}), the projection of dream-events into them
 * ({@link dev.oneira.gallery.db.EventProjection}, fed by {@link dev.oneira.gallery.db.ProjectionConsumer}),
 * the rebuild from the manifests ({@link dev.oneira.gallery.db.Reindex}), the likes
 * ({@link dev.oneira.gallery.db.LikeRows}, issue 12) with the popular order they move
 * ({@link dev.oneira.gallery.db.PopularRows}), the request partitions and worker speeds of the estimates
 * (issue 15) and the upload counts of the shared rate limit. The
 * schema is Flyway's ({@code db/migration}).
 *
 * <p>Why plain JDBC and not Hibernate ORM with Panache: a row is the manifest kept whole as JSON plus
 * a few columns to filter and order on, and the queries are keyset pages, {@code INSERT ... ON
 * CONFLICT} and {@code SELECT ... FOR UPDATE}: a handful of SQL statements, written once here. An entity
 * model would copy the manifest record field by field (a migration per new field), and these classes
 * stay plain Java, testable against a real PostgreSQL without starting Quarkus.
 */
package dev.oneira.gallery.db;
