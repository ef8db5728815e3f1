package dev.oneira.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The header's "API" link (issue 15): Swagger UI in headless Chromium renders the gallery's operations
 * under the CSP its path is given, with no CSP violation, while every other page keeps the strict one.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class ApiPageBrowserTest {

    /** Collects CSP violations from the first script a page runs, before any of the page's own. */
    private static final String RECORD_VIOLATIONS = "window.cspViolations = [];"
            + "document.addEventListener('securitypolicyviolation',"
            + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    static ChromeDriver driver;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void startBrowser() throws Exception {
        driver = HeadlessChromium.start(1000);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_VIOLATIONS));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void theApiLinkOpensSwaggerUiWithTheOperationsAndNoCspViolation() throws Exception {
        driver.get(base.resolve("/").toString());
        driver.findElement(By.cssSelector("header nav")).findElement(By.linkText("API")).click();

        await().atMost(Duration.ofSeconds(30)).until(() -> driver.findElements(By.cssSelector(".opblock")).size() >= 3);
        List<String> paths = driver.findElements(By.cssSelector(".opblock-summary-path")).stream()
                .map(WebElement::getText).toList();
        assertThat(paths).contains("/api/dreams", "/api/dreams/{id}");
        assertThat(driver.findElement(By.cssSelector(".info .title")).getText()).contains("Oneira gallery API");
        Files.write(HeadlessChromium.SHOTS.resolve("api-page.png"), driver.getScreenshotAs(OutputType.BYTES));

        // an operation opens and offers to try it out: the page is interactive, not a picture of the YAML
        driver.findElements(By.cssSelector(".opblock-summary")).stream()
                .filter(s -> s.getText().contains("/api/dreams/{id}")).findFirst().orElseThrow().click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.cssSelector(".try-out__btn")).isEmpty());

        Object violations = driver.executeScript("return window.cspViolations");
        assertThat((List<?>) violations).as("CSP violations on the API page").isEmpty();
    }

    @Test
    void onlyTheApiPageHasTheLooserPolicy() {
        assertThat(policies("/q/swagger-ui/")).singleElement().asString()
                .contains("script-src 'self' 'unsafe-inline'", "frame-ancestors 'none'", "object-src 'none'");
        for (String path : List.of("/", "/api/dreams", "/q/openapi", "/static/app.js")) {
            assertThat(policies(path)).as(path).singleElement().asString()
                    .contains("script-src 'self';").doesNotContain("unsafe-inline");
        }
    }

    /** Every Content-Security-Policy header of the answer (a browser enforces each one). */
    private static List<String> policies(String path) {
        return RestAssured.given().get(path).then().statusCode(200).extract().headers()
                .getValues("Content-Security-Policy");
    }
}
