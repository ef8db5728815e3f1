/** {@link dev.oneira.shared.spec.DreamSpec}: everything that decides how a dream looks, its bounds and validation, presets, strength, named channels and the text-field form used by the CLI and the web form. */
package dev.oneira.shared.spec;
