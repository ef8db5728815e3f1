/** Where each object of a dream lives in the bucket. */
package dev.oneira.shared.store;
