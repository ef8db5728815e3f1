/**
 * The gallery's Quarkus shell and its plain-Java services: uploads ({@link dev.oneira.gallery.DreamService}),
 * the rate limit, the request sender and the broker watch, readiness, configuration.
 */
package dev.oneira.gallery;
