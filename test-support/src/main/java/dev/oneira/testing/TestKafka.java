package dev.oneira.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real KRaft Kafka broker in the test JVM (SmallRye's EmbeddedKafkaBroker) on 127.0.0.1, free
 * ports, topics created on first use with one partition, no delay before the first rebalance.
 *
 * <p>It can be taken down and brought back ({@link #down()}, {@link #up()}) on the same ports with
 * the same cluster id and log directory, so topics, records and committed offsets survive, as
 * they do when a real broker is killed and restarted: clients reconnect to the same address.
 */
public final class TestKafka implements AutoCloseable {
    private final int kafkaPort;
    private final int controllerPort;
    private final String clusterId;
    private final Path logDir;
    private EmbeddedKafkaBroker broker;

    private TestKafka(int kafkaPort, int controllerPort, String clusterId, Path logDir) {
        this.kafkaPort = kafkaPort;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.logDir = logDir;
    }

    public static TestKafka start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("oneira-test-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's log directory: " + e.getMessage(), e);
        }
        // A base64 UUID, as kafka-storage random-uuid makes it.
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        TestKafka kafka = new TestKafka(FreePorts.next(), FreePorts.next(), clusterId, dir);
        try {
            kafka.up();
            return kafka;
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** host:port, as clients' bootstrap.servers; the same across {@link #down()} and {@link #up()}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** Stops the broker, as a kill would: clients lose their connections until {@link #up()}. */
    public synchronized void down() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Starts the broker, again on the same ports with the same data after a {@link #down()}. */
    public synchronized void up() {
        if (broker != null) {
            return;
        }
        broker = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(kafkaPort)
                .withControllerPort(controllerPort)
                .withClusterId(clusterId)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(p -> {
                    p.put("log.dir", logDir.toString());
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("auto.create.topics.enable", "true");
                    p.put("num.partitions", "1");
                })
                .start();
    }

    /** The same as {@link #down()}. */
    public void stop() {
        down();
    }

    /** The same as {@link #up()}. */
    public void restart() {
        up();
    }

    public synchronized boolean isUp() {
        return broker != null;
    }

    @Override
    public synchronized void close() {
        try {
            down();
        } finally {
            deleteLogDir();
        }
    }

    private void deleteLogDir() {
        if (!Files.exists(logDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(logDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
