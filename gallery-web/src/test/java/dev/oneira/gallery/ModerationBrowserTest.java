package dev.oneira.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import dev.oneira.gallery.moderation.AuditLog;
import dev.oneira.gallery.moderation.Moderators;
import dev.oneira.shared.id.DreamId;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * In headless Chromium: a visitor reports a dream from its page; a moderator signs in, approves a held
 * dream (it is then dreamt and listed) and removes the reported one; the console's log shows both.
 */
@QuarkusTest
@WithTestResource(ModerationTestResources.class)
class ModerationBrowserTest {

    static WebDriver driver;

    @TestHTTPResource("/")
    URI base;
    @Inject
    Moderators moderators;
    @Inject
    AuditLog audit;

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
    void reportADreamThenSignInApproveAHeldOneAndRemoveTheReportedOne() throws Exception {
        ModerationApiTest.ensureModerator(moderators, "dora");
        String reported = ModerationApiTest.upload(false);
        String held = ModerationApiTest.upload(true);

        // a visitor reports the dream from its page
        driver.get(base.resolve("/d/" + reported).toString());
        driver.findElement(By.cssSelector("#report summary")).click();
        driver.findElement(By.cssSelector("#report-form input[value='spam']")).click();
        driver.findElement(By.id("report-note")).sendKeys("an advert");
        shot("report-form");
        driver.findElement(By.id("report-button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.id("report-counted")).isEmpty());

        // the console sends a stranger to the login page; a wrong password is refused, the right one lets in
        driver.get(base.resolve("/moderation").toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.getCurrentUrl().contains("/moderation/login"));
        signIn("dora", "not the password");
        await().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.id("login-error")).isEmpty());
        signIn("dora", ModerationApiTest.PASSWORD);
        await().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.id("console")).isEmpty());
        assertThat(driver.findElement(By.id("moderator")).getText()).isEqualTo("dora");
        WebElement heldItem = driver.findElement(By.id("held-" + held));
        assertThat(heldItem.getText()).contains("porn", "70.0 %");
        WebElement reportedItem = driver.findElement(By.id("reported-" + reported));
        assertThat(reportedItem.getText()).contains("1 open report", "Spam or advertising", "an advert");
        shot("console");

        heldItem.findElement(By.cssSelector(".approve-form button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.findElement(By.id("notice")).getText()
                .contains("Approved"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(
                given().get("/api/dreams/" + held).then().extract().jsonPath().getString("status")));
        assertThat(ModerationApiTest.listed()).contains(held);

        WebElement again = driver.findElement(By.id("reported-" + reported));
        again.findElement(By.cssSelector(".remove-form input[name='reason']")).sendKeys("spam, as reported");
        again.findElement(By.cssSelector(".remove-form button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.findElement(By.id("notice")).getText()
                .contains("Removed"));
        given().get("/api/dreams/" + reported).then().statusCode(404);
        assertThat(driver.findElements(By.id("reported-" + reported))).isEmpty();
        String log = driver.findElement(By.id("audit")).getText();
        assertThat(log).contains("dora", "approve", held, "remove", reported, "spam, as reported");
        assertThat(audit.of(DreamId.parse(reported))).extracting(AuditLog.Entry::action)
                .containsExactly(AuditLog.Action.REMOVE);
        shot("after-actions");

        driver.findElement(By.id("logout")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.getCurrentUrl().contains("/moderation/login"));
        driver.get(base.resolve("/moderation").toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.getCurrentUrl().contains("/moderation/login"));
    }

    private void signIn(String name, String password) {
        WebElement user = driver.findElement(By.id("j_username"));
        user.clear();
        user.sendKeys(name);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.id("login-button")).click();
    }

    private static void shot(String name) throws Exception {
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                HeadlessChromium.SHOTS.resolve("moderation-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
