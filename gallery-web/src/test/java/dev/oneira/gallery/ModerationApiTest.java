package dev.oneira.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.oneira.gallery.moderation.AuditLog;
import dev.oneira.gallery.moderation.LoginBackoff;
import dev.oneira.gallery.moderation.ModeratorCommand;
import dev.oneira.gallery.moderation.Moderators;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.store.ManifestStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

/**
 * Moderation over HTTP with the real broker, store and database and the {@link FakeWorker}: login required,
 * wrong passwords refused and slowed, reports hiding a dream, the console's actions and their audit.
 */
@QuarkusTest
@WithTestResource(ModerationTestResources.class)
class ModerationApiTest {

    static final String PASSWORD = "a long enough password";
    private static final AtomicInteger CLIENTS = new AtomicInteger(1);

    @Inject
    Moderators moderators;
    @Inject
    ModeratorCommand command;
    @Inject
    ManifestStore manifests;
    @Inject
    AuditLog audit;

    /** A client address of its own, so one test's reports and failed logins do not count against another's. */
    static String newClient() {
        int n = CLIENTS.getAndIncrement();
        return "10.20." + (n / 250) + "." + (n % 250 + 1);
    }

    static void ensureModerator(Moderators moderators, String name) {
        if (!moderators.exists(name)) {
            moderators.add(name, PASSWORD.toCharArray());
        }
    }

    static Response login(String name, String password, String client) {
        return given().redirects().follow(false).header("X-Forwarded-For", client)
                .formParam("j_username", name).formParam("j_password", password)
                .post("/j_security_check");
    }

    static Cookie session(Response login) {
        return login.getDetailedCookie("quarkus-credential");
    }

    /** Uploads a tiny photo; the fake worker holds it or dreams it. Answers its id. */
    static String upload(boolean held) {
        FakeWorker.holdAll(held);
        String id = Uploads.tiny().then().statusCode(201).extract().jsonPath().getString("id");
        String expected = held ? "HELD" : "DONE";
        await().atMost(Duration.ofSeconds(30)).until(() -> expected.equals(
                given().get("/api/dreams/" + id).then().extract().jsonPath().getString("status")));
        return id;
    }

    static List<String> listed() {
        return given().get("/api/dreams").then().statusCode(200).extract().jsonPath().getList("dreams.id");
    }

    @Test
    void theConsoleAndTheApiNeedAModerator() {
        given().redirects().follow(false).accept("text/html").get("/moderation").then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.endsWith("/moderation/login"));
        given().get("/api/moderation/held").then().statusCode(401).contentType("application/problem+json")
                .body("title", org.hamcrest.Matchers.equalTo("Sign in first"));
        given().contentType("application/json").post("/api/moderation/dreams/" + DreamId.next() + "/approve")
                .then().statusCode(401).contentType("application/problem+json");
        given().get("/moderation/login").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Moderators: sign in"));
    }

    @Test
    void aWrongPasswordIsRefusedTheRightOneSignsInWithAStrictHttpOnlyCookie() {
        ensureModerator(moderators, "alice");
        String client = newClient();
        Response wrong = login("alice", "not the password at all", client);
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.header("Location")).endsWith("/moderation/login?error=1");
        assertThat(session(wrong)).isNull();
        assertThat(login("nobody", PASSWORD, client).header("Location")).endsWith("?error=1");

        Response right = login("alice", PASSWORD, client);
        assertThat(right.statusCode()).isEqualTo(302);
        assertThat(right.header("Location")).endsWith("/moderation");
        Cookie cookie = session(right);
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("strict");
        assertThat(cookie.isSecured()).as("plain http here; Secure over https").isFalse();

        given().cookie(cookie).get("/moderation").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Signed in as <strong id=\"moderator\">alice</strong>"));
        given().cookie(cookie).get("/api/moderation/held").then().statusCode(200);
        given().cookie(cookie).contentType("application/json").post("/api/moderation/dreams/" + DreamId.next()
                + "/approve").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void repeatedFailuresSlowTheNextAttemptEvenWithTheRightPassword() {
        ensureModerator(moderators, "bob");
        String client = newClient();
        for (int i = 0; i <= LoginBackoff.FREE_FAILURES; i++) {
            assertThat(login("bob", "guess number " + i, client).header("Location")).endsWith("?error=1");
        }
        // while the wait runs even the right password is refused, and the login page says why
        assertThat(session(login("bob", PASSWORD, client))).isNull();
        given().header("X-Forwarded-For", client).get("/moderation/login").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Too many failed attempts from here"));
        // once it has passed the right password works again
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> session(login("bob", PASSWORD, client)) != null);
    }

    @Test
    void distinctReportsHideADreamUntilAModeratorRestoresIt() {
        ensureModerator(moderators, "alice");
        String id = upload(false);
        assertThat(listed()).contains(id);
        String body = "{\"reason\": \"sexual\", \"note\": \"not for children\"}";
        String first = newClient();
        given().header("X-Forwarded-For", first).contentType("application/json").body(body)
                .post("/api/dreams/" + id + "/reports").then().statusCode(201)
                .body("counted", org.hamcrest.Matchers.is(true)).body("hidden", org.hamcrest.Matchers.is(false));
        given().header("X-Forwarded-For", first).contentType("application/json").body(body)
                .post("/api/dreams/" + id + "/reports").then().statusCode(200)
                .body("counted", org.hamcrest.Matchers.is(false));
        given().header("X-Forwarded-For", newClient()).contentType("application/json").body(body)
                .post("/api/dreams/" + id + "/reports").then().statusCode(201).body("hidden", org.hamcrest.Matchers.is(false));
        assertThat(listed()).contains(id);
        given().header("X-Forwarded-For", newClient()).contentType("application/json")
                .body("{\"reason\": \"violence\"}").post("/api/dreams/" + id + "/reports").then().statusCode(201)
                .body("hidden", org.hamcrest.Matchers.is(true));
        assertThat(listed()).doesNotContain(id);
        String page = given().accept("text/html").get("/d/" + id).then().statusCode(200).extract().asString();
        assertThat(page).contains("hidden pending review").doesNotContain("og:image").doesNotContain("share-url");
        // the API and the pictures are hidden as the page is; a link copied before the reports serves nothing
        given().get("/api/dreams/" + id).then().statusCode(404).contentType("application/problem+json")
                .body("title", org.hamcrest.Matchers.equalTo("Dream hidden"))
                .body("detail", org.hamcrest.Matchers.containsString("until a moderator has reviewed it"));
        given().get("/media/dreams/" + id + ".png").then().statusCode(404);
        given().get("/media/thumbs/" + id + "-dream.jpg").then().statusCode(404);

        // bad reports are answered in words
        given().contentType("application/json").body("{\"reason\": \"boring\"}").post("/api/dreams/" + id + "/reports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("sexual, violence"));
        given().contentType("application/json").body("{\"reason\": \"spam\", \"note\": \"" + "x".repeat(501) + "\"}")
                .post("/api/dreams/" + id + "/reports").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("at most 500"));

        Cookie cookie = session(login("alice", PASSWORD, newClient()));
        List<String> queue = given().cookie(cookie).get("/api/moderation/reported").then().statusCode(200)
                .extract().jsonPath().getList("dreams.id");
        assertThat(queue).contains(id);
        // the console shows the pictures to moderators, and nothing on the way keeps a copy
        given().cookie(cookie).get("/media/originals/" + id + ".png").then().statusCode(200)
                .header("Cache-Control", "private, no-store");
        given().cookie(cookie).contentType("application/json").post("/api/moderation/dreams/" + id + "/restore")
                .then().statusCode(200).body("result", org.hamcrest.Matchers.equalTo("restored"));
        assertThat(listed()).contains(id);
        given().get("/api/dreams/" + id).then().statusCode(200);
        given().get("/media/dreams/" + id + ".png").then().statusCode(200).header("Cache-Control", "public, max-age=86400");
        given().cookie(cookie).contentType("application/json").post("/api/moderation/dreams/" + id + "/restore")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(audit.of(DreamId.parse(id))).singleElement().satisfies(e -> {
            assertThat(e.moderator()).isEqualTo("alice");
            assertThat(e.action()).isEqualTo(AuditLog.Action.RESTORE);
        });
    }

    @Test
    void aHeldDreamIsNotListedUntilApprovedThenDreamtAndListed() {
        ensureModerator(moderators, "alice");
        String id = upload(true);
        assertThat(listed()).doesNotContain(id);
        given().get("/media/originals/" + id + ".png").then().statusCode(404); // not to strangers while held
        Cookie cookie = session(login("alice", PASSWORD, newClient()));
        given().cookie(cookie).get("/media/originals/" + id + ".png").then().statusCode(200)
                .header("Cache-Control", "private, no-store");
        var held = given().cookie(cookie).get("/api/moderation/held").then().statusCode(200).extract().jsonPath();
        assertThat(held.getList("dreams.id", String.class)).contains(id);
        assertThat(held.getList("dreams.find { it.id == '" + id + "' }.scores.name", String.class))
                .containsExactly("porn", "hentai", "sexy", "neutral", "drawing");

        FakeWorker.holdAll(true); // the approval alone gets it dreamt
        given().cookie(cookie).contentType("application/json").post("/api/moderation/dreams/" + id + "/approve")
                .then().statusCode(200).body("result", org.hamcrest.Matchers.equalTo("released"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(
                given().get("/api/dreams/" + id).then().extract().jsonPath().getString("status")));
        assertThat(listed()).contains(id);
        DreamManifest m = manifests.read(DreamId.parse(id)).orElseThrow();
        assertThat(m.approval()).isNotNull();
        assertThat(m.approval().moderator()).isEqualTo("alice");
        assertThat(m.screening()).isNotNull();
        assertThat(audit.of(DreamId.parse(id))).extracting(AuditLog.Entry::action).containsExactly(AuditLog.Action.APPROVE);
    }

    @Test
    void removalDeletesTheDreamAndItsImagesAndKeepsTheAuditRow() {
        ensureModerator(moderators, "alice");
        String id = upload(false);
        given().get("/media/originals/" + id + ".png").then().statusCode(200);
        Cookie cookie = session(login("alice", PASSWORD, newClient()));
        given().cookie(cookie).contentType("application/json").body("{\"reason\": \"spam\"}")
                .post("/api/moderation/dreams/" + id + "/remove").then().statusCode(200)
                .body("result", org.hamcrest.Matchers.equalTo("removed"));
        given().get("/api/dreams/" + id).then().statusCode(404);
        given().get("/media/originals/" + id + ".png").then().statusCode(404);
        assertThat(manifests.read(DreamId.parse(id))).isEmpty();
        assertThat(audit.of(DreamId.parse(id))).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditLog.Action.REMOVE);
            assertThat(e.reason()).isEqualTo("spam");
        });
        given().cookie(cookie).get("/api/moderation/audit").then().statusCode(200)
                .body("entries.dreamId", org.hamcrest.Matchers.hasItem(id));
    }

    @Test
    void theConsolesFormsNeedTheirCsrfTokenAndCrossSiteCallsAreRefused() {
        ensureModerator(moderators, "alice");
        Cookie cookie = session(login("alice", PASSWORD, newClient()));
        Response noToken = given().cookie(cookie).redirects().follow(false).formParam("reason", "x")
                .post("/moderation/dreams/" + DreamId.next() + "/remove");
        assertThat(noToken.statusCode()).as(noToken.asString()).isEqualTo(403);
        assertThat(noToken.asString()).contains("Form expired");
        given().cookie(cookie).contentType("text/plain").body("x")
                .post("/api/moderation/dreams/" + DreamId.next() + "/approve").then().statusCode(415);
        given().cookie(cookie).header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .contentType("application/json").post("/api/moderation/dreams/" + DreamId.next() + "/approve")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theModeratorCommandAsksTwiceAndRefusesShortOrDifferingPasswords() {
        assertThat(run("add", "carol", "short\nshort\n").rc).isEqualTo(1);
        Run differ = run("add", "carol", "a long enough password\na long enough passw0rd\n");
        assertThat(differ.rc).isEqualTo(1);
        assertThat(differ.err).contains("differ");
        Run shortOne = run("add", "carol", "short\nshort\n");
        assertThat(shortOne.err).contains("too short", "at least 12");
        assertThat(moderators.exists("carol")).isFalse();
        Run ok = run("add", "carol", PASSWORD + "\n" + PASSWORD + "\n");
        assertThat(ok.rc).as(ok.err).isZero();
        assertThat(session(login("carol", PASSWORD, newClient()))).isNotNull();
        assertThat(run("add", "carol", PASSWORD + "\n" + PASSWORD + "\n").err).contains("already");
        assertThat(run("remove", "carol", "").rc).isEqualTo(2);
    }

    @Test
    void theOpenApiDocumentDescribesTheReportAndModerationEndpoints() {
        String doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(doc).contains("/api/dreams/{id}/reports", "/api/moderation/held", "/api/moderation/reported",
                "/api/moderation/audit", "/api/moderation/dreams/{id}/approve", "/api/moderation/dreams/{id}/remove",
                "/api/moderation/dreams/{id}/restore", "application/problem+json", "quarkus-credential");
        assertThat(doc).doesNotContain("/moderation/login\"", "/d/{id}/report\"");
    }

    record Run(int rc, String err) {
    }

    private Run run(String verb, String name, String stdin) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = command.run(new String[] {"moderator", verb, name}, null, new BufferedReader(new StringReader(stdin)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(rc, err.toString(StandardCharsets.UTF_8));
    }
}
