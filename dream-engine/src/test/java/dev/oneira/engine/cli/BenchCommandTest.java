package dev.oneira.engine.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    @Test
    void printsSecondsPerStepThreadsMemoryAndGflopsForEachSize() {
        StringWriter out = new StringWriter();
        int code = OneiraCli.commandLine().setOut(new PrintWriter(out, true))
                .execute("bench", "--sizes", "96x80", "--warmup", "1", "--repeats", "2", "--threads", "2");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("2 threads")
                .containsPattern("96x80 .*median [0-9.]+ s/step")
                .containsPattern("RESULT impl=djl size=96x80 threads=2 median_s=[0-9.]+ min_s=[0-9.]+ gflops=[0-9.]+")
                .containsPattern("peak RSS: [0-9]+ MB");
    }

    @Test
    void aMalformedSizeIsRefusedWithTheExpectedForm() {
        StringWriter err = new StringWriter();
        int code = OneiraCli.commandLine().setErr(new PrintWriter(err, true)).execute("bench", "--sizes", "big");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("WIDTHxHEIGHT");
    }
}
