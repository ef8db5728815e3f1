package dev.oneira.engine.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** How a long-running command runs: PyTorch's threads and whether it shows progress. */
final class RunOptions {
    @Option(names = "--threads", defaultValue = "0", description = "PyTorch threads (0 = all cores)")
    int threads;

    @Option(names = "--quiet", description = "no progress output")
    boolean quiet;

    /** The progress display on {@code err}: off with --quiet, redrawn in place on a terminal. */
    ProgressBar progress(PrintWriter err) {
        return new ProgressBar(err, !quiet, System.console() != null);
    }
}
