/** The dream manifest, the one persisted record of a dream in the object store, its codec, statuses and owner tokens. */
package dev.oneira.shared.manifest;
