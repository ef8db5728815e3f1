/**
 * Moderation contracts (issue 12): what the classifier saw in a dream's input pictures
 * ({@link dev.oneira.shared.moderation.NsfwScores}, {@link dev.oneira.shared.moderation.Screening})
 * and a moderator's release of a held dream ({@link dev.oneira.shared.moderation.Approval}). They
 * travel in manifests and events; the worker screens, the gallery's moderators approve.
 */
package dev.oneira.shared.moderation;
