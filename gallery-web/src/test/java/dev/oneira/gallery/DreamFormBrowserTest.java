package dev.oneira.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.Select;

import dev.oneira.shared.spec.ChannelExamples;
import dev.oneira.shared.spec.Presets;
import dev.oneira.shared.spec.Strength;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 8's form in headless Chromium against the real broker, S3Proxy and worker: the strength
 * slider and what it sets, the advanced choices, a guide image, a mask painted with mouse, pen and
 * touch (and partly erased), the dream, its settings list, and "dream again" with the same guide
 * image and mask. Screenshots go to target/screenshots/.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class DreamFormBrowserTest {

    static final Path SHOTS = HeadlessChromium.SHOTS;
    static ChromeDriver driver;

    @TestHTTPResource("/")
    URI base;

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
    void paintAMaskWithMousePenAndTouchDreamAndSeeEverySettingOnTheDreamsPage() throws Exception {
        driver.manage().window().setSize(new Dimension(1280, 1400));
        driver.get(base.resolve("/").toString());

        // the slider starts at the style as tuned; the empty expert fields say what it gives
        int classicSteps = Presets.CLASSIC.spec().stepsPerOctave();
        double classicSize = Presets.CLASSIC.spec().stepSize();
        WebElement slider = driver.findElement(By.id("f-strength"));
        assertThat(slider.getAttribute("value")).isEqualTo("5");
        driver.findElement(By.cssSelector("details.advanced summary")).click();
        WebElement steps = driver.findElement(By.id("f-stepsPerOctave"));
        WebElement stepSize = driver.findElement(By.id("f-stepSize"));
        assertThat(steps.getAttribute("placeholder")).isEqualTo(Integer.toString(Strength.steps(classicSteps, 5)));
        for (int i = 0; i < 3; i++) {
            slider.sendKeys(Keys.ARROW_RIGHT);
        }
        assertThat(driver.findElement(By.id("strength-value")).getText()).isEqualTo("8");
        assertThat(steps.getAttribute("placeholder")).isEqualTo(Integer.toString(Strength.steps(classicSteps, 8)));
        assertThat(Double.parseDouble(stepSize.getAttribute("placeholder")))
                .isEqualTo(Strength.stepSize(classicSize, 8));
        assertThat(steps.getAttribute("value")).isEmpty();

        // the photo, then the painter appears over it
        Path photo = Files.createTempFile("street", ".png");
        Files.write(photo, TestPhotos.png(400, 300));
        driver.findElement(By.id("image")).sendKeys(photo.toString());
        WebElement canvas = driver.findElement(By.id("mask-canvas"));
        await().atMost(Duration.ofSeconds(5)).until(canvas::isDisplayed);
        assertThat(driver.findElement(By.id("mask-status")).getText()).contains("Nothing painted");

        // paint the right part: a big brush, strokes with the mouse, a pen and a finger
        driver.executeScript("arguments[0].value = 160", driver.findElement(By.id("mask-size")));
        stroke(PointerInput.Kind.MOUSE, canvas, 40, -130, 195, -130);
        stroke(PointerInput.Kind.PEN, canvas, 40, -50, 195, -50);
        stroke(PointerInput.Kind.TOUCH, canvas, 40, 30, 195, 30);
        stroke(PointerInput.Kind.MOUSE, canvas, 40, 110, 195, 110);
        // and rub out the top right corner
        driver.findElement(By.cssSelector("label[for=mask-eraser]")).click();
        driver.executeScript("arguments[0].value = 60", driver.findElement(By.id("mask-size")));
        stroke(PointerInput.Kind.MOUSE, canvas, 100, -135, 199, -135);
        stroke(PointerInput.Kind.MOUSE, canvas, 100, -115, 199, -115);
        assertThat(driver.findElement(By.id("mask-status")).getText()).contains("Only the painted parts");

        // a guide image and the advanced choices, and a small, quick dream
        Path guide = Files.createTempFile("flowers", ".jpg");
        Files.write(guide, TestPhotos.jpeg(200, 200));
        driver.findElement(By.id("f-guide")).sendKeys(guide.toString());
        new Select(driver.findElement(By.id("f-detail"))).selectByValue("tutorial");
        new Select(driver.findElement(By.id("f-gradient"))).selectByValue("laplacian");
        driver.findElement(By.cssSelector("label[for=f-colors]")).click();
        fill("f-layers", "mixed3:1");
        fill("f-octaveFrom", "0");
        fill("f-octaveTo", "0");
        fill("f-tileSize", "128");
        fill("f-maxSide", "160");
        fill("f-seed", "5");
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", canvas);
        shot("10-mask-painted");
        driver.manage().window().setSize(new Dimension(390, 900));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", canvas);
        shot("10-mask-painted-phone");
        driver.manage().window().setSize(new Dimension(1280, 1400));
        driver.findElement(By.id("submit")).click();

        await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().contains("/d/"));
        String id = driver.getCurrentUrl().replaceAll(".*/d/([0-9a-f-]{36}).*", "$1");
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250))
                .until(() -> !driver.findElements(By.id("compare")).isEmpty());

        // the result: dreamt where painted, the photo kept where not
        await().atMost(Duration.ofSeconds(10)).until(() -> imagesLoaded("#pair img") == 2);
        driver.executeScript("document.getElementById('pair').scrollIntoView({block: 'center'})");
        shot("11-dream-result");
        BufferedImage original = fetch("/media/originals/" + id + ".png");
        BufferedImage dreamt = fetch("/media/dreams/" + id + ".png");
        assertThat(meanDifference(original, dreamt, 0, 40, 0, 120)).as("left quarter: kept").isLessThanOrEqualTo(1.0);
        assertThat(meanDifference(original, dreamt, 112, 160, 60, 120)).as("lower right: dreamt").isGreaterThan(2.0);

        // the settings list says everything the form set
        String settings = driver.findElement(By.id("settings")).getText();
        assertThat(settings).contains("Strength 8 of 10").contains("Steps per octave " + Strength.steps(classicSteps, 8))
                .contains("tutorial").contains("laplacian").contains("original (the photo's colours kept)")
                .contains("Guide image yes").contains("Mask yes");
        await().atMost(Duration.ofSeconds(10)).until(() -> imagesLoaded(".inputs img") == 2);
        assertThat(driver.findElement(By.cssSelector("#guide-image img")).getAttribute("alt")).contains("guide image");
        assertThat(driver.findElement(By.cssSelector("#mask-image img")).getAttribute("alt")).contains("mask");

        // the stored mask is what was painted: white on the right, black on the left and where rubbed out
        HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("/media/masks/" + id + ".png")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        BufferedImage mask = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(mask.getWidth()).isEqualTo(160);
        assertThat(mask.getHeight()).isEqualTo(120);
        assertThat(mask.getRaster().getSample(16, 60, 0)).as("left: not painted").isEqualTo(0);
        assertThat(mask.getRaster().getSample(136, 60, 0)).as("right: painted").isEqualTo(255);
        assertThat(mask.getRaster().getSample(150, 5, 0)).as("top right: rubbed out").isEqualTo(0);
        driver.executeScript("document.getElementById('settings').scrollIntoView({block: 'start'})");
        shot("11-dream-settings");

        // dreaming again carries every field; strength decides the steps again; the pictures are asked for
        driver.findElement(By.id("again")).click();
        assertThat(driver.findElement(By.id("f-strength")).getAttribute("value")).isEqualTo("8");
        assertThat(driver.findElement(By.id("f-stepsPerOctave")).getAttribute("value")).isEmpty();
        assertThat(driver.findElement(By.id("f-stepsPerOctave")).getAttribute("placeholder"))
                .isEqualTo(Integer.toString(Strength.steps(classicSteps, 8)));
        assertThat(new Select(driver.findElement(By.id("f-detail"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("tutorial");
        assertThat(new Select(driver.findElement(By.id("f-gradient"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("laplacian");
        assertThat(driver.findElement(By.id("f-colors")).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("f-seed")).getAttribute("value")).isEqualTo("5");
        assertThat(driver.findElement(By.id("reminder")).getText()).contains("guide image and mask are used again");
        assertThat(driver.findElement(By.id("f-guideFrom")).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("f-maskFrom")).isSelected()).isTrue();

        // the same photo again: the painter starts from the earlier mask, and the new dream has both pictures
        driver.findElement(By.id("image")).sendKeys(photo.toString());
        WebElement again = driver.findElement(By.id("mask-canvas"));
        await().atMost(Duration.ofSeconds(5)).until(again::isDisplayed);
        await().atMost(Duration.ofSeconds(5)).until(() -> driver.findElement(By.id("mask-status")).getText()
                .contains("Only the painted parts"));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", again);
        shot("12-dream-again");
        driver.findElement(By.id("submit")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().contains("/d/")
                && !driver.getCurrentUrl().contains(id));
        String second = driver.getCurrentUrl().replaceAll(".*/d/([0-9a-f-]{36}).*", "$1");
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250))
                .until(() -> !driver.findElements(By.id("compare")).isEmpty());
        assertThat(driver.findElement(By.id("settings")).getText()).contains("Strength 8 of 10")
                .contains("Guide image yes").contains("Mask yes");
        BufferedImage secondMask = ImageIO.read(new ByteArrayInputStream(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("/media/masks/" + second + ".png")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body()));
        assertThat(secondMask.getRaster().getSample(16, 60, 0)).isEqualTo(0);
        assertThat(secondMask.getRaster().getSample(136, 60, 0)).isEqualTo(255);
        assertThat(secondMask.getRaster().getSample(150, 5, 0)).isEqualTo(0);
    }

    @Test
    void theLayersFieldShowsTheChannelSyntaxAndTheExamplesFillIt() {
        driver.get(base.resolve("/").toString());
        driver.findElement(By.cssSelector("details.advanced summary")).click();
        assertThat(driver.findElement(By.id("h-layers")).getText()).contains("mixed4/97:1")
                .contains("mixed0 0-255").contains("mixed5 0-767");
        List<WebElement> chips = driver.findElements(By.cssSelector(".chip[data-layers]"));
        assertThat(chips).hasSize(ChannelExamples.ALL.size());
        if (!chips.isEmpty()) {
            chips.get(0).click();
            assertThat(driver.findElement(By.id("f-layers")).getAttribute("value"))
                    .isEqualTo(ChannelExamples.ALL.get(0).layers());
        }
        shot("13-advanced-panel");
    }

    /** A straight stroke from one point to another (offsets from the canvas' centre, CSS px). */
    private static void stroke(PointerInput.Kind kind, WebElement canvas, int x1, int y1, int x2, int y2) {
        PointerInput pointer = new PointerInput(kind, kind.name().toLowerCase() + "-" + System.nanoTime());
        Sequence s = new Sequence(pointer, 0);
        s.addAction(pointer.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(canvas), x1, y1));
        s.addAction(pointer.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        for (int i = 1; i <= 8; i++) {
            s.addAction(pointer.createPointerMove(Duration.ofMillis(20), PointerInput.Origin.fromElement(canvas),
                    x1 + (x2 - x1) * i / 8, y1 + (y2 - y1) * i / 8));
        }
        s.addAction(pointer.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(List.of(s));
    }

    private BufferedImage fetch(String path) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    /** Mean absolute difference per channel (0..255) over [x0, x1) x [y0, y1). */
    private static double meanDifference(BufferedImage a, BufferedImage b, int x0, int x1, int y0, int y1) {
        long sum = 0;
        long n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                    n++;
                }
            }
        }
        return (double) sum / n;
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
