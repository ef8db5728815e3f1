/** The local stack's Java helpers for {@code ./oneira up}: creating and growing the topics. */
package dev.oneira.stack;
