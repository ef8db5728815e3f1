/**
 * Moderation (issue 12): moderator accounts and their login ({@link dev.oneira.gallery.moderation.Moderators},
 * {@link dev.oneira.gallery.moderation.ModeratorIdentityProvider}, {@link dev.oneira.gallery.moderation.LoginThrottle}),
 * reports that hide a dream until it is reviewed ({@link dev.oneira.gallery.moderation.Reports}), the
 * moderators' actions on held and reported dreams ({@link dev.oneira.gallery.moderation.ModerationService})
 * with their audit log ({@link dev.oneira.gallery.moderation.AuditLog}), and the pages and API for all of it.
 *
 * <p>Report and review state lives in this package's tables, not in the manifests: a reindex rebuilds the
 * dream rows from the manifests and must never unhide a reported dream. The listing query joins
 * {@code dream_review} ({@link dev.oneira.gallery.db.DreamRows#page}).
 */
package dev.oneira.gallery.moderation;
