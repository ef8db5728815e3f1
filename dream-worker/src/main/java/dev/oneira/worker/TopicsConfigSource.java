package dev.oneira.worker;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import dev.oneira.shared.messaging.Topics;

/**
 * Topic and group names come from {@link Topics} only: the channels are named after their topics
 * (so the connector's {@code topic} defaults to the channel name) and this source supplies the
 * rest. Its ordinal is below application.properties (250), so configuration can still override.
 */
public final class TopicsConfigSource implements ConfigSource {

    private static final String IN = "mp.messaging.incoming." + Topics.DREAM_REQUESTS + ".";

    private static final Map<String, String> VALUES = Map.of(
            IN + "group.id", Topics.WORKER_GROUP,
            IN + "dead-letter-queue.topic", Topics.DREAM_REQUESTS_DLQ,
            "mp.messaging.outgoing." + RequestRedrive.CHANNEL + ".topic", Topics.DREAM_REQUESTS);

    @Override
    public Set<String> getPropertyNames() {
        return VALUES.keySet();
    }

    @Override
    public String getValue(String name) {
        return VALUES.get(name);
    }

    @Override
    public String getName() {
        return "oneira-topics";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }
}
