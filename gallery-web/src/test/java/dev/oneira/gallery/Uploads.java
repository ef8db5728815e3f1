package dev.oneira.gallery;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import dev.oneira.shared.messaging.Topics;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Uploading through the API, and counting what reached dream-requests. */
final class Uploads {

    /** One octave, 2 steps, one 128 tile, 96 px: about a second on 2 cores. */
    static final Map<String, String> TINY = Map.of("layers", "mixed3:1", "octaves", "0", "stepsPerOctave", "2",
            "tileSize", "128", "maxSide", "96", "seed", "7");

    private Uploads() {
    }

    static RequestSpecification form(byte[] image, String fileName, String type, Map<String, String> fields) {
        RequestSpecification spec = given();
        if (image != null) {
            spec = spec.multiPart("image", fileName, image, type);
        }
        for (Map.Entry<String, String> f : fields.entrySet()) {
            spec = spec.multiPart(f.getKey(), f.getValue());
        }
        return spec;
    }

    static Response post(byte[] image, String fileName, String type, Map<String, String> fields) {
        return form(image, fileName, type, fields).when().post("/api/dreams");
    }

    static Response tiny() {
        return post(TestPhotos.png(160, 120), "photo.png", "image/png", TINY);
    }

    /** Records ever written to dream-requests (sum of end offsets); 0 while the topic does not exist. */
    static long requestsSent(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            if (!admin.listTopics().names().get().contains(Topics.DREAM_REQUESTS)) {
                return 0;
            }
            var partitions = admin.describeTopics(java.util.List.of(Topics.DREAM_REQUESTS)).allTopicNames().get()
                    .get(Topics.DREAM_REQUESTS).partitions();
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            partitions.forEach(pi -> request.put(new TopicPartition(Topics.DREAM_REQUESTS, pi.partition()),
                    OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}
