package dev.oneira.engine.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.oneira.engine.dream.DreamEngine;
import dev.oneira.engine.network.EngineFingerprint;
import dev.oneira.engine.network.FeatureNetwork;
import dev.oneira.engine.network.InceptionV3;
import dev.oneira.engine.network.ModelFiles;
import dev.oneira.engine.network.NsfwClassifier;
import dev.oneira.shared.manifest.EngineIdentity;

/**
 * Starts the PyTorch engine (offline, with a chosen number of threads), loads the network once
 * and hands out a {@link DreamEngine}. One per process: PyTorch's thread settings are read once.
 */
public final class DreamRuntime implements AutoCloseable {
    /** MKL's switch for conditional numerical reproducibility; {@code AUTO,STRICT} keeps its fastest code path. */
    public static final String MKL_CBWR = "MKL_CBWR";

    private final NDManager manager;
    private final FeatureNetwork network;
    private final DreamEngine engine;
    private final Device device;
    private final int threads;
    private NsfwClassifier classifier;
    private EngineIdentity identity;

    private DreamRuntime(NDManager manager, FeatureNetwork network, Device device, int threads) {
        this.manager = manager;
        this.network = network;
        this.device = device;
        this.threads = threads;
        this.engine = new DreamEngine(network, manager);
    }

    /**
     * @param threads intra-op threads for PyTorch; 0 = all available processors
     * @throws RuntimeSetupException when the PyTorch natives or the network are missing
     */
    public static DreamRuntime start(int threads) throws RuntimeSetupException {
        int used = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        configure(used);
        Engine pytorch;
        try {
            pytorch = Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new RuntimeSetupException("cannot start the PyTorch engine: " + e.getMessage()
                    + ". Run ./oneira build (or mvn install) so that the native libraries are on the class path.", e);
        }
        Device device = pytorch.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        NDManager manager = pytorch.newBaseManager(device);
        try {
            FeatureNetwork network = InceptionV3.load(ModelFiles.fromClasspath(),
                    InceptionV3.Options.defaults().withParentManager(manager).withDevice(device));
            return new DreamRuntime(manager, network, device, used);
        } catch (RuntimeException e) {
            manager.close();
            throw new RuntimeSetupException("cannot load the InceptionV3 network: " + e.getMessage(), e);
        }
    }

    /** Must run before the engine first starts: PyTorch reads these once. */
    private static void configure(int threads) throws RuntimeSetupException {
        if (DreamRuntime.class.getResource("/native/lib/pytorch.properties") == null) {
            throw new RuntimeSetupException("the PyTorch native libraries (ai.djl.pytorch:pytorch-native-cpu) are not on the"
                    + " class path; build with ./oneira build or mvn install", null);
        }
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            // Nothing is downloaded at run time: fail fast instead of hanging on a closed network.
            System.setProperty("ai.djl.offline", "true");
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    public DreamEngine engine() { return engine; }

    /**
     * The whole nsfwjs classifier (every block and the dense head), loaded on first use: a dream
     * needs only mixed0..mixed5, so the head's cost is paid only by who screens pictures.
     */
    public synchronized NsfwClassifier classifier() throws RuntimeSetupException {
        if (classifier == null) {
            try {
                classifier = NsfwClassifier.load(manager);
            } catch (RuntimeException e) {
                throw new RuntimeSetupException("cannot load the nsfwjs classifier: " + e.getMessage(), e);
            }
        }
        return classifier;
    }

    /**
     * Which network files (SHA-256) and engine build this runtime dreams with: computed on first use
     * from the same classpath files {@link #start} loaded, then kept (issue 15: exact reproduction).
     */
    public synchronized EngineIdentity identity() {
        if (identity == null) {
            identity = EngineFingerprint.of(ModelFiles.fromClasspath());
        }
        return identity;
    }

    public FeatureNetwork network() { return network; }
    public NDManager manager() { return manager; }
    public Device device() { return device; }
    public int threads() { return threads; }

    public String describe() {
        return "PyTorch " + Engine.getEngine("PyTorch").getVersion() + " on " + (device.isGpu() ? "GPU " + device : "CPU")
                + ", " + threads + " thread" + (threads == 1 ? "" : "s")
                + (repeatable() ? "" : device.isGpu() ? "; on a GPU a seed may not give the same bytes twice"
                : "; " + MKL_CBWR + " is not set, so a seed may not give the same bytes twice");
    }

    /**
     * Whether the same photo, spec and seed give the same bytes every time in this process: on CPU with
     * one thread, or with MKL's conditional numerical reproducibility on ({@value #MKL_CBWR}, set by
     * ./oneira, the worker images and the test builds). Without it, with two threads, the gradients of
     * small inputs (an early octave's 54x43) differed in their last bits from call to call (measured:
     * up to 2.4e-9, growing to 0.1 in the image after four octaves), so "dream again with this seed"
     * gave other bytes. MKL reads the variable when it loads; it cannot be set from Java.
     * False on a GPU: cuDNN's backward kernels are not deterministic by default (not measured here).
     */
    public boolean repeatable() {
        String cbwr = System.getenv(MKL_CBWR);
        return !device.isGpu() && (threads == 1 || (cbwr != null && !cbwr.isBlank()));
    }

    @Override
    public synchronized void close() {
        if (classifier != null) {
            classifier.close();
        }
        network.close();
        manager.close();
    }
}
