package dev.oneira.shared.moderation;

import java.time.Instant;

/** A moderator released a held dream for dreaming: who and when. */
public record Approval(String moderator, Instant at) {

    public Approval {
        if (moderator == null || moderator.isBlank() || at == null) {
            throw new IllegalArgumentException("an approval needs the moderator's name and a time");
        }
    }
}
