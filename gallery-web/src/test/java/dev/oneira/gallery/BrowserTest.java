package dev.oneira.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The pages in headless Chromium (Debian chromium + chromedriver) against the real broker, S3Proxy
 * and worker. Screenshots go to target/screenshots/.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class BrowserTest {

    static final Path SHOTS = HeadlessChromium.SHOTS;
    static WebDriver driver;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void startBrowser() throws Exception {
        driver = HeadlessChromium.start(1100);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void uploadWatchTheProgressAndSeeTheFinishedPair() throws Exception {
        driver.manage().window().setSize(new Dimension(1280, 1100));
        driver.get(base.resolve("/").toString());
        assertThat(driver.getTitle()).contains("Oneira");
        assertThat(driver.findElements(By.cssSelector(".preset img"))).hasSize(5)
                .allSatisfy(img -> assertThat(img.getAttribute("alt")).startsWith("Example:"));
        Path photo = Files.createTempFile("cat", ".png");
        Files.write(photo, TestPhotos.png(400, 300));
        driver.findElement(By.id("image")).sendKeys(photo.toString());
        await().atMost(Duration.ofSeconds(5)).until(() -> driver.findElement(By.id("preview")).isDisplayed());
        driver.findElement(By.cssSelector("details.advanced summary")).click();
        fill("f-layers", "mixed3:1");
        fill("f-octaveFrom", "-1");
        fill("f-octaveTo", "1");
        fill("f-stepsPerOctave", "8");
        fill("f-tileSize", "128");
        fill("f-maxSide", "200");
        fill("f-seed", "3");
        shot("01-home-filled");
        driver.findElement(By.id("submit")).click();

        await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().contains("/d/"));
        List<Integer> values = new ArrayList<>();
        boolean[] shotTaken = {false};
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(40)).until(() -> {
            try {
                WebElement bar = driver.findElement(By.id("progress"));
                int v = Integer.parseInt(bar.getAttribute("value").replaceAll("\\..*", ""));
                if (values.isEmpty() || values.get(values.size() - 1) != v) {
                    values.add(v);
                }
                if (v > 0 && !shotTaken[0]) {
                    shot("02-dreaming");
                    shotTaken[0] = true;
                }
            } catch (NoSuchElementException | StaleElementReferenceException | NumberFormatException e) {
                // page reloading, or already done
            }
            return !driver.findElements(By.id("compare")).isEmpty();
        });
        assertThat(values).as("progress values seen: %s", values).anyMatch(v -> v > 0 && v < 100);
        assertThat(values.stream().distinct().count()).isGreaterThanOrEqualTo(2);

        // done: the pair, the slider, downloads, settings
        await().atMost(Duration.ofSeconds(10)).until(() -> imagesLoaded("#pair img") == 2);
        assertThat(driver.findElements(By.cssSelector("#pair img")))
                .allSatisfy(img -> assertThat(img.getAttribute("alt")).isNotBlank());
        WebElement after = driver.findElement(By.id("after"));
        String before = after.getCssValue("clip-path");
        WebElement range = driver.findElement(By.id("slider-range"));
        range.sendKeys(Keys.END);
        assertThat(after.getCssValue("clip-path")).isNotEqualTo(before).contains("0%");
        range.sendKeys(Keys.HOME);
        for (int i = 0; i < 30; i++) {
            range.sendKeys(Keys.ARROW_RIGHT);
        }
        assertThat(driver.findElement(By.id("download-dream")).getAttribute("href")).contains("download=1");
        assertThat(driver.findElement(By.cssSelector("table.spec")).getText()).contains("mixed3").contains("3");
        assertThat(driver.findElement(By.id("again")).getAttribute("href")).contains("seed=3").contains("maxSide=200");
        shot("03-done");

        // the same page on a phone
        driver.manage().window().setSize(new Dimension(390, 900));
        driver.navigate().refresh();
        shot("04-done-phone");
        driver.manage().window().setSize(new Dimension(1280, 1100));

        // its uploader can hide it from the gallery and show it again
        String page = driver.getCurrentUrl();
        driver.findElement(By.id("visibility-button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.getPageSource().contains("Hidden from the public gallery"));
        assertThat(driver.getCurrentUrl()).isEqualTo(page);
        driver.findElement(By.id("visibility-button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.findElement(By.id("visibility-button")).getText()
                .contains("Hide it"));

        // "dream again" pre-fills the form
        driver.findElement(By.id("again")).click();
        assertThat(driver.findElement(By.id("f-seed")).getAttribute("value")).isEqualTo("3");
        assertThat(driver.findElement(By.id("f-maxSide")).getAttribute("value")).isEqualTo("200");
    }

    @Test
    void theSharePageCarriesCardMetadataWithAbsoluteUrls() throws Exception {
        String id = Uploads.tiny().then().statusCode(201).extract().jsonPath().getString("id");
        DreamApiTest.awaitStatus(id, "DONE");
        driver.get(base.resolve("/d/" + id).toString());
        String image = meta("property", "og:image");
        assertThat(image).startsWith("http://").endsWith("/media/dreams/" + id + ".png");
        assertThat(meta("property", "og:url")).startsWith("http://").endsWith("/d/" + id);
        assertThat(meta("property", "og:title")).contains("dream");
        assertThat(meta("property", "og:description")).contains("seed 7");
        assertThat(meta("name", "twitter:card")).isEqualTo("summary_large_image");
        assertThat(meta("name", "twitter:image")).isEqualTo(image);
        HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(image)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        List<String> networks = driver.findElements(By.cssSelector(".share-links a")).stream().map(WebElement::getText)
                .toList();
        assertThat(networks).contains("X", "Bluesky", "Facebook", "Reddit");
        assertThat(driver.findElement(By.id("share-url")).getAttribute("value")).endsWith("/d/" + id);
        shot("05-share-page");
    }

    @Test
    void theGalleryPagesNewestFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Uploads.tiny().then().statusCode(201).extract().jsonPath().getString("id"));
        }
        driver.get(base.resolve("/").toString());
        List<String> first = cardIds();
        assertThat(first).hasSize(4).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(first.get(0)).isGreaterThanOrEqualTo(ids.get(4));
        driver.findElement(By.id("older")).click();
        List<String> second = cardIds();
        assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(first);
        assertThat(second.get(0)).isLessThan(first.get(first.size() - 1));
        shot("06-gallery-page-2");
        driver.findElement(By.id("newest")).click();
        assertThat(cardIds()).isEqualTo(first);
        shot("07-gallery");
    }

    @Test
    void aNonImageGetsAClearErrorOnThePage() throws Exception {
        driver.manage().window().setSize(new Dimension(1280, 1100));
        driver.get(base.resolve("/").toString());
        Path text = Files.createTempFile("holiday", ".jpg");
        Files.writeString(text, "these are my holiday notes, not a photo\n".repeat(20));
        driver.findElement(By.id("image")).sendKeys(text.toString());
        driver.findElement(By.id("submit")).click();
        WebElement error = driver.findElement(By.id("upload-error"));
        await().atMost(Duration.ofSeconds(10)).until(error::isDisplayed);
        assertThat(error.getText()).contains("Not an image we can read")
                .contains("JPEG, PNG, WebP or GIF");
        assertThat(driver.getCurrentUrl()).doesNotContain("/d/");
        shot("08-not-an-image");
    }

    private List<String> cardIds() {
        return driver.findElements(By.cssSelector("li.card")).stream().map(e -> e.getAttribute("data-id")).toList();
    }

    private String meta(String attribute, String name) {
        return driver.findElement(By.cssSelector("meta[" + attribute + "='" + name + "']")).getAttribute("content");
    }

    private void fill(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private long imagesLoaded(String css) {
        Object n = ((JavascriptExecutor) driver).executeScript("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".filter(i => i.complete && i.naturalWidth > 0).length", css);
        return ((Number) n).longValue();
    }

    static void shot(String name) {
        try {
            File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            throw new IllegalStateException("screenshot " + name + ": " + e.getMessage(), e);
        }
    }
}
