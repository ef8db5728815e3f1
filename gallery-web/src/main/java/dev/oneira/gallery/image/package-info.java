/** Upload normalisation in plain Java: format and size checks, bounded-memory decoding, orientation, scaling. */
package dev.oneira.gallery.image;
