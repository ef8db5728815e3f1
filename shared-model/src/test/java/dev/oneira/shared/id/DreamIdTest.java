package dev.oneira.shared.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DreamIdTest {

    @Test
    void isACanonicalLowercaseUuidVersion7() {
        DreamId id = DreamId.next();
        UUID uuid = UUID.fromString(id.toString());

        assertThat(id.toString()).hasSize(36).isLowerCase().matches("[0-9a-f-]+");
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(id.toUuid()).isEqualTo(uuid);
    }

    @Test
    void idsMadeLaterSortLaterAsStrings() throws InterruptedException {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(DreamId.next().toString());
        }
        Thread.sleep(2);
        made.add(DreamId.next().toString());

        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(new HashSet<>(made)).hasSize(made.size());
    }

    @Test
    void knowsWhenItWasMade() {
        Instant before = Instant.now().minusMillis(1);
        DreamId id = DreamId.next();

        assertThat(id.createdAt()).isBetween(before, Instant.now().plus(Duration.ofMillis(1)));
    }

    @Test
    void parsesItsOwnTextBackToAnEqualId() {
        DreamId id = DreamId.next();

        assertThat(DreamId.parse(id.toString())).isEqualTo(id).hasSameHashCodeAs(id);
        assertThat(DreamId.isValid(id.toString())).isTrue();
        assertThat(DreamId.parse(id.toString()).compareTo(id)).isZero();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "",
            "hello",
            "01A21725-6773-7A0C-8BB4-22FA82F7780E",
            "01a21725-6773-4a0c-8bb4-22fa82f7780e",
            "01a21725-6773-7a0c-cbb4-22fa82f7780e",
            "01a217256773-7a0c-8bb4-22fa82f7780e0",
            " 01a21725-6773-7a0c-8bb4-22fa82f7780e",
            "01a21725-6773-7a0c-8bb4-22fa82f7780e/../x",
            "../../etc/passwd",
    })
    void rejectsAnythingElseWithAClearMessage(String text) {
        assertThat(DreamId.isValid(text)).isFalse();
        assertThatThrownBy(() -> DreamId.parse(text))
                .isInstanceOf(InvalidDreamIdException.class)
                .hasMessageStartingWith("not a dream id: \"")
                .hasMessageContaining("expected a lowercase UUIDv7 such as 01a21725-6773-7a0c-8bb4-22fa82f7780e");
    }

    @Test
    void rejectsNull() {
        assertThat(DreamId.isValid(null)).isFalse();
        assertThatThrownBy(() -> DreamId.parse(null))
                .isInstanceOf(InvalidDreamIdException.class)
                .hasMessageStartingWith("dream id is missing");
    }

    @Test
    void isAJsonString() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        DreamId id = DreamId.next();

        assertThat(mapper.writeValueAsString(id)).isEqualTo("\"" + id + "\"");
        assertThat(mapper.readValue("\"" + id + "\"", DreamId.class)).isEqualTo(id);
        assertThatThrownBy(() -> mapper.readValue("\"nope\"", DreamId.class)).hasMessageContaining("not a dream id");
    }
}
