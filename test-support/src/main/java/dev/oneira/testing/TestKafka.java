package dev.oneira.testing;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real KRaft Kafka broker in the test JVM (SmallRye's EmbeddedKafkaBroker) on 127.0.0.1, free
 * ports, topics created on first use with one partition, no delay before the first rebalance. It
 * can be stopped and started again on the same ports, for outage tests (the restarted broker is a
 * fresh, empty one: clients reconnect to it, but what the old one held is gone).
 */
public final class TestKafka implements AutoCloseable {
    private final int kafkaPort;
    private final int controllerPort;
    private EmbeddedKafkaBroker broker;

    private TestKafka(int kafkaPort, int controllerPort) {
        this.kafkaPort = kafkaPort;
        this.controllerPort = controllerPort;
    }

    public static TestKafka start() {
        TestKafka kafka = new TestKafka(FreePorts.next(), FreePorts.next());
        kafka.restart();
        return kafka;
    }

    /** host:port, as clients' bootstrap.servers. */
    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** Stops the broker: its port refuses connections until {@link #restart()}. */
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Starts a broker on the same ports (after {@link #stop()}; does nothing while one runs). */
    public synchronized void restart() {
        if (broker != null) {
            return;
        }
        broker = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(kafkaPort)
                .withControllerPort(controllerPort)
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("auto.create.topics.enable", "true");
                    p.put("num.partitions", "1");
                })
                .start();
    }

    @Override
    public void close() {
        stop();
    }
}
