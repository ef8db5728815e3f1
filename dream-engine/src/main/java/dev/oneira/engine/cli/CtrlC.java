package dev.oneira.engine.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT/SIGTERM) during a command: the work in progress is asked to stop at its next tile
 * and the JVM waits for it, so nothing half-written is left behind. Close it when the work is over.
 */
final class CtrlC implements AutoCloseable {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private CtrlC() {
        hook = new Thread(() -> {
            cancelled.set(true);
            try {
                finished.await(); // let the work stop at its next tile, then exit
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static CtrlC install() {
        CtrlC ctrlC = new CtrlC();
        Runtime.getRuntime().addShutdownHook(ctrlC.hook);
        return ctrlC;
    }

    boolean cancelled() {
        return cancelled.get();
    }

    @Override
    public void close() {
        finished.countDown();
        if (!cancelled.get()) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }
}
