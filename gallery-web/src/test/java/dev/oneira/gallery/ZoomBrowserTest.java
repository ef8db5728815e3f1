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

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import dev.oneira.gallery.web.ZoomEstimate;
import dev.oneira.shared.spec.Presets;
import dev.oneira.store.ObjectStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 9 in headless Chromium against the real broker, S3Proxy and worker. First an "Endless zoom"
 * chosen on the form (its knobs and time estimate), made by the worker frame by frame while the page
 * shows "frame n of m", then its video playing (currentTime advances), the share card's og:video and
 * "dream again" keeping the video's settings; kept tiny for CI (8 frames of 128 px, 2 steps each).
 * Then a finished video as the worker leaves one: it plays, seeks (range requests), and its gallery
 * card plays the loop when pointed at. Screenshots go to target/screenshots/.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class ZoomBrowserTest {

    static ChromeDriver driver;

    @TestHTTPResource("/")
    URI base;
    @Inject
    ObjectStore store;

    @BeforeAll
    static void startBrowser() throws Exception {
        driver = HeadlessChromium.start(1400);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void chooseAnEndlessZoomWatchItsFramesAndPlayTheVideo() throws Exception {
        driver.get(base.resolve("/").toString());
        WebElement animation = driver.findElement(By.id("animation"));
        assertThat(animation.isDisplayed()).as("the video knobs wait for a video style").isFalse();
        Path photo = Files.createTempFile("cat", ".png");
        Files.write(photo, TestPhotos.png(160, 120));
        driver.findElement(By.id("image")).sendKeys(photo.toString());
        driver.findElement(By.cssSelector("input[name=preset][value=zoom]")).findElement(By.xpath("..")).click();
        await().atMost(Duration.ofSeconds(5)).until(animation::isDisplayed);
        assertThat(driver.findElement(By.cssSelector(".preset.animated .badge")).getText()).isEqualToIgnoringCase("video");
        // the estimate knows the photo (160 x 120 fitted to the preset's 512 px: kept as it is)
        await().atMost(Duration.ofSeconds(5)).until(() -> text("zoom-estimate").contains("160 x 120"));
        String estimate = text("zoom-estimate");
        assertThat(estimate).as("the script's estimate is ZoomEstimate's").isEqualTo(ZoomEstimate.words(
                ZoomEstimate.seconds(Presets.ZOOM.spec(), 160, 120)) + " for your photo at 160 x 120 px");

        // the knobs drive the fields: length in seconds -> frames, direction and speed -> zoom
        driver.findElement(By.id("zoom-out")).click();
        assertThat(Double.parseDouble(value("f-zoom"))).isLessThan(1);
        driver.findElement(By.id("zoom-in")).click();
        assertThat(Double.parseDouble(value("f-zoom"))).isGreaterThan(1);
        setRange("zoom-seconds", 10);
        assertThat(value("f-frames")).isEqualTo("240"); // 10 s at the preset's 24 fps
        assertThat(text("zoom-estimate")).isNotEqualTo(estimate);
        driver.executeScript("document.querySelector('.presets').scrollIntoView()");
        shot("zoom-00-knobs");

        // tiny, for the test: 8 frames at 4 fps, 2 steps per frame, 128 px, one octave
        fill("f-frames", "8");
        fill("f-fps", "4");
        driver.findElement(By.cssSelector("details.animation-expert summary")).click();
        fill("f-stepsPerFrame", "2");
        driver.findElement(By.cssSelector("details.advanced summary")).click();
        fill("f-layers", "mixed3:1");
        fill("f-octaveFrom", "0");
        fill("f-octaveTo", "0");
        fill("f-stepsPerOctave", "2");
        fill("f-tileSize", "128");
        fill("f-maxSide", "128");
        fill("f-seed", "11");
        assertThat(text("zoom-estimate")).contains("128 x 96");
        assertThat(text("zoom-length")).startsWith("2 s (8 frames at 4 fps)");
        shot("zoom-01-form");
        driver.findElement(By.id("submit")).click();

        await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().contains("/d/"));
        List<String> progress = new ArrayList<>();
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(40)).until(() -> {
            try {
                String t = text("progress-text");
                if (t.startsWith("frame") && (progress.isEmpty() || !progress.get(progress.size() - 1).equals(t))) {
                    progress.add(t);
                    if (progress.size() == 1) {
                        shot("zoom-02-frames");
                    }
                }
            } catch (NoSuchElementException | StaleElementReferenceException e) {
                // page reloading, or already done
            }
            return !driver.findElements(By.id("video")).isEmpty();
        });
        assertThat(progress).as("frame progress seen").isNotEmpty()
                .allSatisfy(t -> assertThat(t).matches("frame [1-8] of 8.*"));

        // done: the video plays, muted, looping, inline, with controls and the poster
        WebElement video = driver.findElement(By.id("video"));
        for (String attribute : List.of("muted", "loop", "playsinline", "controls")) {
            assertThat(video.getDomAttribute(attribute)).as(attribute).isNotNull();
        }
        String id = driver.getCurrentUrl().replaceAll(".*/d/", "");
        assertThat(video.getDomAttribute("poster")).isEqualTo("/media/posters/" + id + ".jpg");
        JavascriptExecutor js = driver;
        js.executeScript("arguments[0].play()", video); // autoplay may wait for visibility in headless mode
        await().atMost(Duration.ofSeconds(20)).until(() -> ((Number) js.executeScript(
                "return arguments[0].currentTime", video)).doubleValue() > 0.3);
        assertThat(js.executeScript("return arguments[0].error", video)).isNull();
        assertThat(((Number) js.executeScript("return arguments[0].videoWidth", video)).intValue()).isEqualTo(128);
        assertThat(driver.findElement(By.id("download-video")).getAttribute("href")).endsWith(id + ".mp4?download=1");
        shot("zoom-03-video");

        // the share card: og:video with type and size, og:image the poster
        String og = meta("og:video");
        assertThat(og).startsWith("http://").endsWith("/media/videos/" + id + ".mp4");
        assertThat(meta("og:video:type")).isEqualTo("video/mp4");
        assertThat(meta("og:video:width")).isEqualTo("128");
        assertThat(meta("og:video:height")).isEqualTo("96");
        assertThat(meta("og:image")).endsWith("/media/posters/" + id + ".jpg");
        HttpResponse<byte[]> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(og))
                .header("Range", "bytes=0-7").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(new String(head.body(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");

        // "dream again" keeps the video's settings
        driver.findElement(By.id("again")).click();
        assertThat(driver.findElement(By.cssSelector("input[name=preset][value=zoom]")).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("animation")).isDisplayed()).isTrue();
        assertThat(value("f-frames")).isEqualTo("8");
        assertThat(value("f-fps")).isEqualTo("4");
        assertThat(value("f-stepsPerFrame")).isEqualTo("2");

    }

    @Test
    void aFinishedVideoPlaysOnItsPageAndItsGalleryCardPlaysTheLoopWhenPointedAt() throws Exception {
        // made as the worker makes them (FinishedAnimations), so this part needs no dream first
        String id = FinishedAnimations.store(store, 128, 96, 24, 12).toString();
        driver.get(base.resolve("/d/" + id).toString());
        WebElement video = driver.findElement(By.id("video"));
        JavascriptExecutor js = driver;
        js.executeScript("arguments[0].play()", video);
        await().atMost(Duration.ofSeconds(20)).until(() -> ((Number) js.executeScript(
                "return arguments[0].currentTime", video)).doubleValue() > 0.3);
        assertThat(js.executeScript("return arguments[0].error", video)).isNull();
        assertThat(((Number) js.executeScript("return arguments[0].duration", video)).doubleValue())
                .isCloseTo(2.0, org.assertj.core.api.Assertions.within(0.2));
        // seeking needs range requests: the browser asks for a piece and plays on from there
        js.executeScript("arguments[0].currentTime = 1.5", video);
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) js.executeScript(
                "return arguments[0].currentTime", video)).doubleValue() >= 1.5);
        assertThat(driver.findElement(By.cssSelector("#video-pair img")).getAttribute("alt")).contains("photo");
        shot("zoom-05-finished-page");

        // its gallery card shows the first frame with a badge and plays the loop when pointed at
        driver.get(base.resolve("/").toString());
        WebElement card = driver.findElement(By.cssSelector("li.card[data-id='" + id + "']"));
        WebElement poster = card.findElement(By.cssSelector("img.poster"));
        assertThat(card.findElement(By.cssSelector(".badge")).getText()).isEqualToIgnoringCase("video");
        String still = poster.getAttribute("src");
        new Actions(driver).moveToElement(card).perform();
        await().atMost(Duration.ofSeconds(5)).until(() -> poster.getAttribute("src").endsWith("/media/loops/" + id
                + ".webp"));
        await().atMost(Duration.ofSeconds(10)).until(() -> (Boolean) js.executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", poster));
        shot("zoom-04-card");
        new Actions(driver).moveToElement(driver.findElement(By.id("upload-title"))).perform();
        await().atMost(Duration.ofSeconds(5)).until(() -> poster.getAttribute("src").equals(still));
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static String value(String id) {
        return driver.findElement(By.id(id)).getAttribute("value");
    }

    private static String meta(String property) {
        return driver.findElement(By.cssSelector("meta[property='" + property + "']")).getAttribute("content");
    }

    private static void fill(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** Sets a range input as a person dragging it would, firing its input event. */
    private static void setRange(String id, int value) {
        driver.executeScript("var r = document.getElementById(arguments[0]); r.value = arguments[1];"
                + " r.dispatchEvent(new Event('input', {bubbles: true}));", id, String.valueOf(value));
    }

    private static void shot(String name) {
        try {
            File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(f.toPath(), HeadlessChromium.SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            throw new IllegalStateException("screenshot " + name + ": " + e.getMessage(), e);
        }
    }
}
