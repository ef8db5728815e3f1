/** Uploaded pictures made safe and uniform: decoding with bounded memory, orientation, size limits, RGB, and masks stretched to the photo as grey PNGs. */
package dev.oneira.gallery.image;
