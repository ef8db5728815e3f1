/**
 * Upload normalisation in plain Java: format and size checks, bounded-memory decoding, orientation,
 * scaling, and masks stretched to the photo as grey PNGs.
 */
package dev.oneira.gallery.image;
