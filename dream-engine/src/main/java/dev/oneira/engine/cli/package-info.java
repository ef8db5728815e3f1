/** The engine's command line (picocli): {@code oneira dream}, {@code oneira sheet} (contact sheets, how the look is judged) and {@code oneira bench}, with the exit codes scripts rely on. */
package dev.oneira.engine.cli;
