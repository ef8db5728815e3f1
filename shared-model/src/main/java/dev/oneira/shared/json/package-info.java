/** The Jackson settings every message and manifest is written and read with. */
package dev.oneira.shared.json;
