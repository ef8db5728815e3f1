/**
 * The gallery's read model as pages and the API see it ({@link dev.oneira.gallery.index.DreamIndex}, over
 * the database rows of {@code dev.oneira.gallery.db}), the one rule by which events and manifests move a
 * dream on ({@link dev.oneira.gallery.index.DreamMerge}), live progress for the pages
 * ({@link dev.oneira.gallery.index.EventFollower}) and when a dream counts as waiting for a worker.
 */
package dev.oneira.gallery.index;
