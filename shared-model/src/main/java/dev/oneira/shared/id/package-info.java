/** Dream ids: time-ordered UUIDs, parsed before any use. */
package dev.oneira.shared.id;
