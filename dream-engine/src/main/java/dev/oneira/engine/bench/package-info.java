/** The engine's benchmark: seconds per gradient step and GFLOP/s from layer shapes, and the process's resident memory, for {@code oneira bench}. */
package dev.oneira.engine.bench;
