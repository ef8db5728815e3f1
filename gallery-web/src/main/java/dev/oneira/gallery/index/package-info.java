/** The gallery's read model: the index of dreams from the manifests, kept current by dream-events. */
package dev.oneira.gallery.index;
