package dev.oneira.stack;

import dev.oneira.shared.messaging.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Creates Oneira's topics on the local broker, or grows {@code dream-requests} to the partition count asked
 * for (partitions can only grow). Run by {@code ./oneira up} with Java's source launcher on the broker's
 * classpath plus the shared-model jar, so topic names come from {@link Topics} and nothing else.
 *
 * <p>Usage: {@code StackAdmin BOOTSTRAP REQUEST_PARTITIONS EVENT_PARTITIONS}. Exit 0 when the topics are
 * there; 1 with a message when the broker cannot be reached within 60 s or refuses.
 */
public final class StackAdmin {

    private StackAdmin() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: StackAdmin BOOTSTRAP REQUEST_PARTITIONS EVENT_PARTITIONS");
            System.exit(2);
        }
        String bootstrap = args[0];
        int requestPartitions = Integer.parseInt(args[1]);
        int eventPartitions = Integer.parseInt(args[2]);
        Map<String, Integer> wanted = Map.of(
                Topics.DREAM_REQUESTS, requestPartitions,
                Topics.DREAM_EVENTS, eventPartitions,
                Topics.DREAM_REQUESTS_DLQ, 1);

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> create = new ArrayList<>();
            wanted.forEach((name, partitions) -> {
                if (!existing.contains(name)) {
                    create.add(new NewTopic(name, partitions, (short) 1));
                }
            });
            if (!create.isEmpty()) {
                admin.createTopics(create).all().get(60, TimeUnit.SECONDS);
            }
            for (Map.Entry<String, Integer> e : wanted.entrySet()) {
                TopicDescription d = admin.describeTopics(List.of(e.getKey())).allTopicNames()
                        .get(60, TimeUnit.SECONDS).get(e.getKey());
                int have = d.partitions().size();
                if (have < e.getValue()) {
                    admin.createPartitions(Map.of(e.getKey(), NewPartitions.increaseTo(e.getValue())))
                            .all().get(60, TimeUnit.SECONDS);
                    System.out.printf("topic %s: %d -> %d partitions%n", e.getKey(), have, e.getValue());
                    have = e.getValue();
                }
                System.out.printf("topic %s: %d partition(s)%s%n", e.getKey(), have,
                        create.stream().anyMatch(t -> t.name().equals(e.getKey())) ? " (created)" : "");
            }
        } catch (ExecutionException e) {
            System.err.println("cannot set up the topics on " + bootstrap + ": " + e.getCause());
            System.exit(1);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("the broker at " + bootstrap + " did not answer within 60 s");
            System.exit(1);
        }
    }
}
