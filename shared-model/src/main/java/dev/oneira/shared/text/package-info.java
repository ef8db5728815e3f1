/** Echoing user input safely in messages. */
package dev.oneira.shared.text;
