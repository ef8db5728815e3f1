/** Starting PyTorch offline with a chosen thread count and loading the network once: what the CLI and the worker hold for their lifetime. */
package dev.oneira.engine.runtime;
