package dev.oneira.gallery.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.oneira.shared.event.FailureCode;

/** A person is shown plain words for a failed dream, whatever a manifest recorded. */
class FailureWordsTest {

    @Test
    void plainWordsAreShownAsRecorded() {
        String plain = "The photo could not be read: it may be damaged. Please upload it again.";
        assertThat(FailureWords.of(plain, FailureCode.UNDECODABLE_IMAGE, "id")).isEqualTo(plain);
    }

    @Test
    void aReasonWithAnAddressAKeyOrAnExceptionIsReplacedByPlainWordsForItsCode() {
        String[] leaky = {
            "object store unavailable: cannot store dreams/01a236b2-d8aa-7a94-a5f5-c5a2cf188810.png in bucket oneira"
                    + " at http://127.0.0.1:9000: SdkClientException: Unable to execute HTTP request",
            "java.lang.OutOfMemoryError: Java heap space",
            "IllegalStateException at dev.oneira.worker.core.DreamRequestProcessor.process(DreamRequestProcessor.java:88)",
        };
        for (String reason : leaky) {
            String shown = FailureWords.of(reason, FailureCode.STORAGE_UNAVAILABLE, "id");
            assertThat(shown).doesNotContain("http").doesNotContain("bucket").doesNotContain("Exception")
                    .doesNotContain("Error").doesNotContain("dreams/").contains("picture store");
        }
        assertThat(FailureWords.of(null, null, "id")).contains("Something went wrong on our side");
    }
}
