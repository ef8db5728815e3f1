package dev.oneira.gallery;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class GalleryStartsTest {

    @Test
    void reportsItselfLiveOnceStarted() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void reportsItselfReadyWhileItsDatabaseAnswers() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.name", hasItem("gallery-database"))
                .body("checks.find { it.name == 'gallery-database' }.data.database", equalTo("answering")));
    }
}
