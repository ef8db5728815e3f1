/**
 * The gallery's own Prometheus metrics (on {@code /q/metrics}, next to Quarkus' HTTP and JVM ones): uploads
 * accepted, uploads refused by reason, open server-sent-event streams, dreams waiting in the queue. Kept
 * here, away from the upload and page code, which only carries the {@link dev.oneira.gallery.metrics.CountedUpload}
 * annotation and two calls for the event streams.
 */
package dev.oneira.gallery.metrics;
