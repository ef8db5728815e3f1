package dev.oneira.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * What a stranger can not make the gallery do: put their host into the links others share, post
 * forms from another site, or forge a form token; and what a person sees when a form is refused.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class TrustTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aForgedHostHeaderNeverEndsUpInCanonicalOrShareLinks() throws Exception {
        String id = Uploads.tiny().then().statusCode(201).extract().jsonPath().getString("id");
        String page = rawGet("/d/" + id, "evil.example");
        assertThat(page).contains("<link rel=\"canonical\"").contains("og:url").contains("og:image");
        assertThat(page).doesNotContain("evil.example");
        assertThat(page).contains("http://127.0.0.1:" + base.getPort() + "/d/" + id);
        assertThat(rawGet("/", "evil.example")).doesNotContain("evil.example");
    }

    @Test
    void aFormTokenMadeUpByTheClientIsRefusedWithAPageThatSaysWhatToDo() {
        // a made-up cookie and field that match each other, but carry no signature of ours
        String madeUp = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        given().cookie("oneira-csrf", madeUp).accept("text/html")
                .multiPart("csrf-token", madeUp)
                .multiPart("image", "p.png", TestPhotos.png(50, 50), "image/png").multiPart("preset", "classic")
                .redirects().follow(false)
                .post("/dreams").then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("Form expired")).body(containsString("reload the page"));
    }

    @Test
    void theFormPostsWithTheTokenOfThePageButNotFromAnotherSite() {
        Csrf csrf = Csrf.fromHomePage();
        assertThat(csrf.cookie()).isNotBlank();
        assertThat(csrf.signature()).isNotBlank();
        csrf.form().header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site").accept("text/html")
                .multiPart("image", "p.png", TestPhotos.png(50, 50), "image/png").multiPart("preset", "classic")
                .redirects().follow(false)
                .post("/dreams").then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("another web site"));

        // the page goes on loading pictures and calling the API: its form's token stays good
        given().cookie("oneira-csrf", csrf.cookie()).cookie("oneira-csrf-sig", csrf.signature()).get("/api/dreams")
                .then().statusCode(200);
        given().cookie("oneira-csrf", csrf.cookie()).cookie("oneira-csrf-sig", csrf.signature()).accept("text/html")
                .get("/").then().statusCode(200);
        Response sameSite = csrf.form().header("Origin", origin())
                .header("Sec-Fetch-Site", "same-origin").accept("text/html")
                .multiPart("image", "p.png", TestPhotos.png(50, 50), "image/png")
                .multiPart("layers", "mixed3:1").multiPart("octaves", "0").multiPart("stepsPerOctave", "1")
                .multiPart("maxSide", "96").multiPart("tileSize", "128")
                .redirects().follow(false)
                .post("/dreams");
        assertThat(sameSite.statusCode()).isEqualTo(303);
        assertThat(sameSite.getHeader("Location")).contains("/d/");
    }

    private String origin() {
        return "http://" + base.getHost() + ":" + base.getPort();
    }

    /** A GET with a Host header of our choosing (Java's HTTP clients will not send a foreign one). */
    private String rawGet(String path, String host) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/html\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
