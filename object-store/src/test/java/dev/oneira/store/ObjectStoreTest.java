package dev.oneira.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import dev.oneira.testing.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The object store against a real S3 server over HTTP (S3Proxy in this JVM). */
class ObjectStoreTest {

    static TestS3 server;

    @BeforeAll
    static void startServer() {
        server = TestS3.start("test-access", "test-secret");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static ObjectStoreConfig config(String bucket) {
        return ObjectStoreConfig.compatible(server.endpoint(), bucket, server.accessKey(), server.secretKey());
    }

    private static ObjectStore freshStore() {
        ObjectStore store = ObjectStore.open(config("b-" + UUID.randomUUID().toString().substring(0, 8)));
        store.ensureBucket();
        return store;
    }

    @Test
    void aFileGoesUpAndComesDownWholeWithoutBeingHeldInMemory() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("store-test");
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(1).nextBytes(bytes);
        java.nio.file.Path up = java.nio.file.Files.write(dir.resolve("up.mp4"), bytes);
        java.nio.file.Path down = java.nio.file.Files.write(dir.resolve("down.mp4"), new byte[] {9});
        try (ObjectStore store = freshStore()) {
            store.put("videos/v.mp4", up, "video/mp4");

            assertThat(store.download("videos/v.mp4", down)).isTrue();
            assertThat(java.nio.file.Files.readAllBytes(down)).isEqualTo(bytes);
            assertThat(store.download("videos/missing.mp4", dir.resolve("missing.mp4"))).isFalse();
            assertThat(dir.resolve("missing.mp4")).doesNotExist();
            assertThat(java.nio.file.Files.list(dir)).as("no partial files left").hasSize(2);
        }
    }

    @Test
    void ensureBucketCreatesAMissingBucketAndMayBeCalledAgain() {
        try (ObjectStore store = ObjectStore.open(config("fresh-bucket"))) {
            assertThatThrownBy(() -> store.put("a", new byte[] {1}, "application/octet-stream"))
                    .isInstanceOf(ObjectStoreException.class)
                    .isNotInstanceOf(ObjectStoreUnavailableException.class);

            store.ensureBucket();
            store.ensureBucket();
            store.checkReachable();
            store.put("a", new byte[] {1}, "application/octet-stream");
            assertThat(store.exists("a")).isTrue();
        }
    }

    @Test
    void aViewWithAShortCallTimeoutGivesUpOnAStoreThatHangs() throws Exception {
        // a listening socket nobody reads from: connections are accepted, requests never answered,
        // as with a store process that is stopped (SIGSTOP)
        try (ServerSocket hung = new ServerSocket(0)) {
            ObjectStoreConfig config = ObjectStoreConfig.compatible("http://127.0.0.1:" + hung.getLocalPort(), "b",
                    "k", "s").withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(60)).withMaxAttempts(1);
            try (ObjectStore store = ObjectStore.open(config)) {
                ObjectStore quick = store.withCallTimeout(Duration.ofMillis(700));
                long start = System.nanoTime();
                assertThatThrownBy(() -> quick.put("a", new byte[] {1}, "application/octet-stream"))
                        .isInstanceOf(ObjectStoreUnavailableException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
                quick.close(); // a view: the store's client stays open
            }
        }
        try (ObjectStore store = freshStore()) {
            ObjectStore quick = store.withCallTimeout(Duration.ofSeconds(5));
            quick.put("x", new byte[] {1, 2}, "application/octet-stream");
            quick.close();
            assertThat(store.get("x")).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
        }
    }

    @Test
    void putThenGetGivesTheSameBytesAndPutReplacesWholeObjects() {
        try (ObjectStore store = freshStore()) {
            byte[] image = new byte[300_000];
            new java.util.Random(1).nextBytes(image);
            store.put("dreams/x.png", image, "image/png");
            assertThat(store.get("dreams/x.png")).hasValueSatisfying(b -> assertThat(b).isEqualTo(image));

            store.put("dreams/x.png", "second".getBytes(UTF_8), "image/png");
            assertThat(store.get("dreams/x.png")).hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("second"));

            store.put("empty", new byte[0], "application/octet-stream");
            assertThat(store.get("empty")).hasValueSatisfying(b -> assertThat(b).isEmpty());
        }
    }

    @Test
    void missingObjectsAreEmptyNotErrors() {
        try (ObjectStore store = freshStore()) {
            assertThat(store.get("nothing/here.png")).isEmpty();
            assertThat(store.exists("nothing/here.png")).isFalse();
            store.delete("nothing/here.png");
        }
    }

    @Test
    void listGivesEveryKeyUnderThePrefixInOrder() {
        try (ObjectStore store = freshStore()) {
            store.put("previews/a/00001.jpg", new byte[] {1}, "image/jpeg");
            store.put("previews/a/00000.jpg", new byte[] {1}, "image/jpeg");
            store.put("previews/b/00000.jpg", new byte[] {1}, "image/jpeg");
            store.put("manifests/a.json", "{}".getBytes(UTF_8), "application/json");

            assertThat(store.list("previews/a/")).containsExactly("previews/a/00000.jpg", "previews/a/00001.jpg");
            assertThat(store.list("previews/")).hasSize(3);
            assertThat(store.list("nope/")).isEmpty();

            assertThat(store.deletePrefix("previews/")).isEqualTo(3);
            assertThat(store.list("previews/")).isEmpty();
            store.delete("manifests/a.json");
            assertThat(store.exists("manifests/a.json")).isFalse();
        }
    }

    @Test
    void anUnreachableStoreIsUnavailableNotMissing() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ObjectStoreConfig config = ObjectStoreConfig.compatible("http://127.0.0.1:" + closedPort, "oneira", "a", "b")
                .withMaxAttempts(1).withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5));
        try (ObjectStore store = ObjectStore.open(config)) {
            assertThatThrownBy(() -> store.get("originals/x.png"))
                    .isInstanceOf(ObjectStoreUnavailableException.class)
                    .hasMessageContaining("read originals/x.png")
                    .hasMessageContaining("127.0.0.1:" + closedPort);
            assertThatThrownBy(() -> store.exists("k")).isInstanceOf(ObjectStoreUnavailableException.class);
            assertThatThrownBy(() -> store.put("k", new byte[] {1}, "image/png"))
                    .isInstanceOf(ObjectStoreUnavailableException.class);
            assertThatThrownBy(store::ensureBucket).isInstanceOf(ObjectStoreUnavailableException.class);
            assertThatThrownBy(() -> store.list("")).isInstanceOf(ObjectStoreUnavailableException.class);
        }
    }

    @Test
    void theBucketCannotBeListedOrReadWithoutSigning() throws Exception {
        try (ObjectStore store = ObjectStore.open(config("private-bucket"))) {
            store.ensureBucket();
            store.put("manifests/hidden.json", "{}".getBytes(UTF_8), "application/json");
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : new String[] {"/", "/private-bucket", "/private-bucket/", "/private-bucket?list-type=2",
                "/private-bucket/manifests/hidden.json"}) {
            java.net.http.HttpResponse<String> anonymous = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.endpoint() + path)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("unsigned GET %s: %s", path, anonymous.body()).isEqualTo(403);
            assertThat(anonymous.body()).doesNotContain("hidden.json");
        }
    }

    @Test
    void aPieceOfAnObjectIsReadByItsByteRangeAndItsSizeIsKnownWithoutReadingIt() throws Exception {
        try (ObjectStore store = freshStore()) {
            byte[] video = new byte[100_000];
            for (int i = 0; i < video.length; i++) {
                video[i] = (byte) (i * 31);
            }
            store.put("videos/v.mp4", video, "video/mp4");

            assertThat(store.size("videos/v.mp4")).hasValue(100_000);
            assertThat(store.size("videos/missing.mp4")).isEmpty();
            try (var in = store.openRange("videos/v.mp4", 1000, 1999).orElseThrow()) {
                assertThat(in.readAllBytes()).containsExactly(java.util.Arrays.copyOfRange(video, 1000, 2000));
            }
            try (var in = store.openRange("videos/v.mp4", 99_990, 200_000).orElseThrow()) {
                assertThat(in.readAllBytes()).as("cut at the end").hasSize(10);
            }
            assertThat(store.openRange("videos/missing.mp4", 0, 9)).isEmpty();
            assertThatThrownBy(() -> store.openRange("videos/v.mp4", 10, 9))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void wrongCredentialsAreAnErrorThatRetryingWillNotFix() {
        ObjectStoreConfig config = ObjectStoreConfig.compatible(server.endpoint(), "oneira", server.accessKey(), "wrong");
        try (ObjectStore store = ObjectStore.open(config)) {
            assertThatThrownBy(() -> store.get("k"))
                    .isInstanceOf(ObjectStoreException.class)
                    .isNotInstanceOf(ObjectStoreUnavailableException.class)
                    .hasMessageContaining("HTTP 403");
        }
    }

    @Test
    void configNeverShowsTheSecretAndRejectsHalfCredentials() {
        ObjectStoreConfig config = ObjectStoreConfig.compatible("http://minio:9000", "oneira", "key", "s3cr3t");
        assertThat(config.toString()).contains("http://minio:9000", "oneira", "key").doesNotContain("s3cr3t");
        assertThat(ObjectStoreConfig.aws("eu-west-1", "oneira").toString()).contains("AWS S3", "default chain");
        assertThatThrownBy(() -> new ObjectStoreConfig(null, "us-east-1", "oneira", false, "key", null, null, null, 3))
                .hasMessageContaining("both access key and secret key");
        assertThatThrownBy(() -> new ObjectStoreConfig(null, "us-east-1", " ", false, null, null, null, null, 3))
                .hasMessageContaining("bucket");
    }
}
