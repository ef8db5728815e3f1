package dev.oneira.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in the test JVM as a user would from a shell: exit code and what went to stderr. */
record CliRun(int exitCode, String err) {

    static CliRun of(String... args) {
        StringWriter err = new StringWriter();
        int code = OneiraCli.commandLine().setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter()))
                .execute(args);
        return new CliRun(code, err.toString());
    }

    /** The engine's test photo of Chelsea the cat, copied into {@code dir} as cat.png. */
    static Path photo(Path dir) throws IOException {
        Path p = dir.resolve("cat.png");
        try (InputStream in = CliRun.class.getResourceAsStream("/photos/chelsea.png")) {
            Files.copy(in, p);
        }
        return p;
    }
}
