package dev.oneira.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import dev.oneira.shared.manifest.Visibility;
import dev.oneira.store.ObjectStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The like button in headless Chromium against the running gallery: a click counts without reloading the
 * page, a reload keeps it, and the same browser cannot like twice. Screenshots in target/screenshots/.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class LikeBrowserTest {

    static WebDriver driver;

    @TestHTTPResource("/")
    URI base;
    @Inject
    ObjectStore store;

    @BeforeAll
    static void startBrowser() throws Exception {
        driver = HeadlessChromium.start(1000);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void aLikeCountsOnceWithoutAReloadAndAReloadKeepsIt() throws Exception {
        String id = FinishedStills.store(store, Visibility.PUBLIC).toString();
        driver.get(base.resolve("/d/" + id).toString());
        assertThat(text("like-count")).isEqualTo("0 likes");
        WebElement button = driver.findElement(By.id("like-button"));
        assertThat(button.getAttribute("aria-pressed")).isEqualTo("false");
        js().executeScript("window.samePage = true;");

        button.click();
        await().atMost(Duration.ofSeconds(15)).until(() -> text("like-count").equals("1 like"));
        assertThat(js().executeScript("return window.samePage === true;")).as("no reload").isEqualTo(Boolean.TRUE);
        assertThat(driver.findElement(By.id("like-button")).getAttribute("aria-pressed")).isEqualTo("true");
        shot("likes-01-liked");

        driver.navigate().refresh();
        assertThat(text("like-count")).isEqualTo("1 like");
        assertThat(driver.findElement(By.id("like-button")).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(driver.findElement(By.id("like-button")).getText()).contains("Liked");

        // a second like from this browser is impossible: the button now takes the like back, and a like
        // sent straight to the API from this page (with the browser's cookie) changes nothing
        Object again = ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch('/api/dreams/" + id + "/like', {method: 'PUT', credentials: 'same-origin'})"
                + ".then(function (r) { return r.json(); }).then(function (b) { done(b.likes); });");
        assertThat(((Number) again).intValue()).isEqualTo(1);
        given().get("/api/dreams/" + id).then().body("likes", equalTo(1));

        driver.findElement(By.id("like-button")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> text("like-count").equals("0 likes"));
        driver.findElement(By.id("like-button")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> text("like-count").equals("1 like"));

        // the gallery's card shows the count, in the popular order too
        driver.get(base.resolve("/?sort=popular#gallery").toString());
        assertThat(driver.findElement(By.id("gallery-sort")).getText()).contains("Popular");
        By ours = By.cssSelector(".card[data-id='" + id + "']");
        for (int page = 0; driver.findElements(ours).isEmpty() && page < 50; page++) {
            driver.findElement(By.id("older")).click(); // other tests' dreams may rank above it
        }
        WebElement card = driver.findElement(ours);
        assertThat(card.findElement(By.cssSelector(".likes")).getText()).contains("1");
        shot("likes-02-popular");
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText().trim();
    }

    private static JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    private static void shot(String name) throws Exception {
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                HeadlessChromium.SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
