package dev.oneira.testing;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real KRaft Kafka broker in the test JVM (SmallRye's EmbeddedKafkaBroker) on 127.0.0.1, free
 * ports, topics created on first use with one partition, no delay before the first rebalance.
 */
public final class TestKafka implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;

    private TestKafka(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    public static TestKafka start() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(FreePorts.next())
                .withControllerPort(FreePorts.next())
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("auto.create.topics.enable", "true");
                    p.put("num.partitions", "1");
                })
                .start();
        return new TestKafka(broker);
    }

    /** host:port, as clients' bootstrap.servers. */
    public String bootstrapServers() {
        return broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
    }

    @Override
    public void close() {
        broker.close();
    }
}
