package dev.oneira.gallery.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.oneira.gallery.web.ByteRange.Kind;

/** What a Range header asks of a 1000-byte video (RFC 9110 section 14). */
class ByteRangeTest {

    @Test
    void noHeaderAnotherUnitOrSeveralRangesAnswerTheWholeObject() {
        for (String header : new String[] {null, "", "items=0-5", "bytes=0-9,20-29"}) {
            ByteRange r = ByteRange.of(header, 1000);
            assertThat(r.kind()).as(header).isEqualTo(Kind.WHOLE);
            assertThat(r.length()).isEqualTo(1000);
        }
    }

    @Test
    void aClosedAnOpenAndASuffixRangeAnswerThatPieceCutAtTheEnd() {
        assertThat(ByteRange.of("bytes=0-99", 1000)).isEqualTo(new ByteRange(Kind.PART, 0, 99, 1000));
        assertThat(ByteRange.of("bytes=0-99", 1000).contentRange()).isEqualTo("bytes 0-99/1000");
        assertThat(ByteRange.of("bytes=500-", 1000)).isEqualTo(new ByteRange(Kind.PART, 500, 999, 1000));
        assertThat(ByteRange.of("bytes=0-", 1000).length()).isEqualTo(1000);
        assertThat(ByteRange.of("bytes=-100", 1000)).isEqualTo(new ByteRange(Kind.PART, 900, 999, 1000));
        assertThat(ByteRange.of("bytes=-5000", 1000)).isEqualTo(new ByteRange(Kind.PART, 0, 999, 1000));
        assertThat(ByteRange.of("bytes=990-2000", 1000)).isEqualTo(new ByteRange(Kind.PART, 990, 999, 1000));
        assertThat(ByteRange.of(" Bytes = 7 - 7 ", 1000)).isEqualTo(new ByteRange(Kind.PART, 7, 7, 1000));
    }

    @Test
    void aRangePastTheEndBackwardsEmptyOrNotNumbersIsUnsatisfiable() {
        for (String header : new String[] {"bytes=1000-", "bytes=5000-6000", "bytes=-0", "bytes=50-10", "bytes=-",
                "bytes=a-b", "bytes=1.5-2", "bytes=99999999999999999999-"}) {
            ByteRange r = ByteRange.of(header, 1000);
            assertThat(r.kind()).as(header).isEqualTo(Kind.UNSATISFIABLE);
            assertThat(r.contentRange()).isEqualTo("bytes */1000");
        }
        assertThat(ByteRange.of("bytes=0-", 0).kind()).as("nothing to give").isEqualTo(Kind.UNSATISFIABLE);
    }
}
