/** The gallery's read model: the index of dreams built from manifests and kept up to date by following {@code dream-events}. */
package dev.oneira.gallery.index;
