package dev.oneira.shared.manifest;

/** PUBLIC dreams are listed in the gallery; HIDDEN ones only open by their link. */
public enum Visibility {
    PUBLIC,
    HIDDEN
}
