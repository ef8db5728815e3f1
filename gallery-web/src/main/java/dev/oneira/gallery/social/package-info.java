/**
 * The social side of the gallery (issue 12): likes (one per browser, counted in PostgreSQL by
 * {@link dev.oneira.gallery.db.LikeRows}), the rules of who may like what ({@link dev.oneira.gallery.social.Likes}),
 * the browser's client id cookie ({@link dev.oneira.gallery.social.ClientIds}), the "popular" order
 * ({@link dev.oneira.gallery.social.Popularity}) and the keyset cursors of both gallery orders
 * ({@link dev.oneira.gallery.social.GalleryCursor}, {@link dev.oneira.gallery.social.GalleryListing}), and
 * their HTTP edge: the like API, the like form and the errors as problems.
 */
package dev.oneira.gallery.social;
