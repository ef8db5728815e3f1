/** Benchmarks of the gallery (commands that print figures, run by scripts in bench/; not tests). */
package dev.oneira.gallery.bench;
