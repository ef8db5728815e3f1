package dev.oneira.worker;

import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.oneira.engine.dream.DreamEngine;
import dev.oneira.engine.network.NsfwClassifier;
import dev.oneira.engine.runtime.DreamRuntime;
import dev.oneira.shared.manifest.EngineIdentity;
import dev.oneira.shared.moderation.NsfwScores;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the network once, at startup, on its own thread (so health answers "not ready" meanwhile),
 * and logs the device and threads it uses. Consumers that ask for the engine early wait for it.
 */
@ApplicationScoped
public class DreamRuntimeHolder {

    private static final Logger LOG = Logger.getLogger(DreamRuntimeHolder.class);

    private final CompletableFuture<DreamRuntime> runtime = new CompletableFuture<>();
    private volatile NsfwClassifier classifier;
    private final WorkerConfig config;

    public DreamRuntimeHolder(WorkerConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Thread loader = new Thread(this::load, "oneira-network-loader");
        loader.setDaemon(true);
        loader.start();
    }

    private void load() {
        long start = System.nanoTime();
        try {
            DreamRuntime started = DreamRuntime.start(config.threads());
            EngineIdentity identity = started.identity(); // once, before the first dream (issue 15)
            // Every dream is screened first (issue 12): the classifier is part of being ready, not a
            // first request's wait.
            long classifierStart = System.nanoTime();
            classifier = started.classifier();
            LOG.infof("dream engine ready: %s (device %s, %d threads), network loaded in %d ms, classifier in %d ms;"
                    + " weights sha256 %s, engine %s", started.describe(), started.device(), started.threads(),
                    (classifierStart - start) / 1_000_000, (System.nanoTime() - classifierStart) / 1_000_000,
                    identity.modelSha256(), identity.engineVersion());
            runtime.complete(started);
        } catch (Exception | Error e) {
            LOG.errorf(e, "cannot start the dream engine: %s", e.getMessage());
            runtime.completeExceptionally(e);
        }
    }

    /** The engine; waits while the network is loading; throws when it could not be loaded. */
    public DreamEngine engine() {
        return runtime.join().engine();
    }

    /** Which network and engine dream here (issue 15); waits while the network is loading. */
    public EngineIdentity identity() {
        return runtime.join().identity();
    }

    /**
     * What the nsfwjs classifier sees in a picture; waits while the network is loading. One picture at
     * a time: the classifier is made for sequential use, and consumers of one worker may screen at once.
     */
    public NsfwScores classify(BufferedImage picture) {
        runtime.join();
        synchronized (this) {
            return classifier.classify(picture);
        }
    }

    public boolean ready() {
        return runtime.isDone() && !runtime.isCompletedExceptionally();
    }

    /** Why the engine could not start, once that is known. */
    public Optional<String> failure() {
        if (!runtime.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            runtime.join();
            return Optional.empty();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Optional.of(String.valueOf(cause.getMessage()));
        }
    }

    /** E.g. "PyTorch 2.7.1 on CPU, 2 threads"; empty while loading. */
    public Optional<String> describe() {
        return ready() ? Optional.of(runtime.join().describe()) : Optional.empty();
    }

    @PreDestroy
    void close() {
        if (ready()) {
            runtime.join().close();
        }
    }
}
