package dev.oneira.shared.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnerTokensTest {

    @Test
    void aTokenMatchesOnlyItsOwnHash() {
        String token = OwnerTokens.newToken();
        String hash = OwnerTokens.hash(token);

        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(hash).startsWith("sha256:").doesNotContain(token);
        assertThat(OwnerTokens.matches(token, hash)).isTrue();
        assertThat(OwnerTokens.matches(OwnerTokens.newToken(), hash)).isFalse();
        assertThat(OwnerTokens.matches(null, hash)).isFalse();
        assertThat(OwnerTokens.matches(token, null)).isFalse();
    }
}
