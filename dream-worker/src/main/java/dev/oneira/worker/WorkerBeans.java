package dev.oneira.worker;

import java.net.InetAddress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.oneira.store.ObjectStore;
import dev.oneira.store.ObjectStoreConfig;
import dev.oneira.store.ObjectStoreSettings;
import org.eclipse.microprofile.config.Config;
import dev.oneira.worker.core.Backoff;
import dev.oneira.worker.core.DreamRequestProcessor;
import dev.oneira.worker.core.Screener;
import dev.oneira.worker.core.WorkerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/** Wires the plain-Java parts (object store, request processor) from configuration. */
@ApplicationScoped
public class WorkerBeans {

    private static final Logger LOG = Logger.getLogger(WorkerBeans.class);

    @Produces
    @Singleton
    ObjectStore objectStore(Config settings) {
        ObjectStoreConfig config = ObjectStoreSettings.read(settings::getOptionalValue);
        LOG.infof("object store: %s", config);
        return ObjectStore.open(config);
    }

    void closeObjectStore(@Disposes ObjectStore store) {
        store.close();
    }

    @Produces
    @Singleton
    DreamRequestProcessor processor(ObjectStore store, KafkaEventSink events, DreamRuntimeHolder runtime,
                                    WorkerConfig c, ModerationConfig moderation, MeterRegistry registry) {
        WorkerSettings settings = new WorkerSettings(c.id().orElseGet(WorkerBeans::hostName), c.progressInterval(),
                c.previewMaxSide(), c.thumbMaxSide(),
                new Backoff(c.retryAttempts(), c.retryInitialBackoff(), c.retryMaxBackoff(), c.outageBudget()),
                c.eventTimeout(), c.previewTimeout(), c.segmentFrames(), c.checkpointInterval());
        LOG.infof("worker %s: transient faults retried at least %d times and for %s (backoff %s..%s), progress"
                + " every %s (previews time out after %s), shutdown grace %s, animations checkpointed every %d frames"
                + " or %s", settings.workerId(), c.retryAttempts(),
                c.outageBudget(), c.retryInitialBackoff(), c.retryMaxBackoff(), c.progressInterval(),
                c.previewTimeout(), c.shutdownGrace(), c.segmentFrames(), c.checkpointInterval());
        Screener screener = new Screener(runtime::classify, moderation.holdThreshold());
        LOG.infof("worker %s: dreams screened before dreaming, held for review at porn + hentai + sexy >= %.2f",
                settings.workerId(), screener.threshold());
        return new DreamRequestProcessor(store, events, runtime::engine, runtime::identity, screener, settings,
                registry);
    }

    /** Creates the bucket when missing; an unreachable store is not fatal here (requests retry). */
    void ensureBucket(@Observes StartupEvent event, ObjectStore store) {
        try {
            store.ensureBucket();
            LOG.infof("object store ready: %s", store.describe());
        } catch (RuntimeException e) {
            LOG.warnf("object store not reachable at startup (requests will retry): %s", e.getMessage());
        }
    }

    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "dream-worker";
        }
    }
}
