package dev.oneira.gallery.index;

import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The settings both of the gallery's readers of {@code dream-events} share (the group-less
 * {@link EventFollower} for live progress and the projection's group consumer): JSON text, offsets
 * committed by hand or not at all, and quick to notice a broker that went away.
 */
public final class EventConsumers {
    private EventConsumers() {
    }

    /**
     * @param clientIdPrefix the client id's prefix; a random suffix tells instances apart in the broker's logs
     * @param offsetReset    where a reader without a committed offset starts: earliest or latest
     */
    public static Properties properties(String bootstrapServers, String clientIdPrefix, String offsetReset) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + UUID.randomUUID().toString().substring(0, 8));
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        return p;
    }
}
