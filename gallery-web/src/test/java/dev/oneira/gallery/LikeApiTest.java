package dev.oneira.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.oneira.gallery.db.DreamRows;
import dev.oneira.gallery.social.Likes;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.OwnerTokens;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.store.ObjectStore;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

/**
 * Likes through the JSON API and the page form against the running gallery (real PostgreSQL, broker
 * and S3Proxy): once per browser, unlike, counts and likedByYou in the dream and the lists, the
 * popular order with its cursors, and every refusal as a problem.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class LikeApiTest {

    @Inject
    ObjectStore store;
    @Inject
    Likes likes;
    @Inject
    DreamRows rows;

    static Response like(String id, String client) {
        return (client == null ? given() : given().cookie("oneira-client", client)).accept("application/json")
                .put("/api/dreams/" + id + "/like");
    }

    static Response unlike(String id, String client) {
        return given().cookie("oneira-client", client).accept("application/json").delete("/api/dreams/" + id + "/like");
    }

    @Test
    void aBrowserLikesOnceAndCanTakeItBack() {
        String id = FinishedStills.store(store, Visibility.PUBLIC).toString();
        Response first = like(id, null);
        first.then().statusCode(200).contentType("application/json").body("id", equalTo(id)).body("likes", equalTo(1))
                .body("likedByYou", equalTo(true));
        Cookie cookie = first.getDetailedCookie("oneira-client");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Lax");
        assertThat(cookie.isSecured()).as("plain http here: Secure only on https").isFalse();
        assertThat(cookie.getMaxAge()).isGreaterThan(300L * 24 * 3600);
        String a = cookie.getValue();

        like(id, a).then().statusCode(200).body("likes", equalTo(1)).body("likedByYou", equalTo(true));
        assertThat(like(id, a).getCookie("oneira-client")).as("a known browser keeps its id").isNull();
        given().cookie("oneira-client", a).get("/api/dreams/" + id).then().statusCode(200)
                .body("likes", equalTo(1)).body("likedByYou", equalTo(true));
        given().get("/api/dreams/" + id).then().body("likes", equalTo(1)).body("likedByYou", equalTo(false));

        String b = like(id, null).then().body("likes", equalTo(2)).extract().cookie("oneira-client");
        assertThat(b).isNotEqualTo(a);
        unlike(id, a).then().statusCode(200).body("likes", equalTo(1)).body("likedByYou", equalTo(false));
        unlike(id, a).then().statusCode(200).body("likes", equalTo(1));
        given().cookie("oneira-client", b).get("/api/dreams/" + id).then().body("likedByYou", equalTo(true));
    }

    @Test
    void refusalsAreProblemsThatSayWhatIsAllowed() {
        String hidden = FinishedStills.store(store, Visibility.HIDDEN).toString();
        problem(like(hidden, null), 403, "Dream not public", "only public dreams can be liked");
        problem(like(DreamId.next().toString(), null), 404, "No such dream", "There is no dream");
        problem(like("not-a-dream", null), 404, "No such dream", "not a dream id");
        // a dream waiting in line (its row only: no request, so no worker finishes it meanwhile)
        DreamManifest waiting = DreamManifest.queued(DreamId.next(), DreamSpec.defaults(), 160, 120, Instant.now(),
                Visibility.PUBLIC, OwnerTokens.hash(OwnerTokens.newToken()));
        rows.insert(waiting);
        problem(like(waiting.id().toString(), null), 409, "Dream not finished",
                "only finished dreams (status done) can be liked");
        String open = FinishedStills.store(store, Visibility.PUBLIC).toString();
        problem(given().header("Origin", "https://elsewhere.example").header("Sec-Fetch-Site", "cross-site")
                .put("/api/dreams/" + open + "/like"), 403, "Cross-site request refused", "this site's pages");
        given().get("/api/dreams/" + open).then().body("likes", equalTo(0));

        likes.limiter().reconfigure(2, Duration.ofMinutes(10));
        try {
            like(open, null).then().statusCode(200);
            like(open, null).then().statusCode(200);
            Response third = like(open, null);
            problem(third, 429, "Too many likes", "You have sent 2 likes and unlikes in the last 10 minutes");
            assertThat(Long.parseLong(third.getHeader("Retry-After"))).isBetween(1L, 600L);
        } finally {
            ClientProxy.unwrap(likes).limiter().reconfigure(1000, Duration.ofMinutes(10));
        }
        given().get("/api/dreams/" + open).then().body("likes", equalTo(2));
    }

    @Test
    void theListsCarryLikesAndThePopularOrderPagesByCursor() {
        String two = FinishedStills.store(store, Visibility.PUBLIC).toString();
        String one = FinishedStills.store(store, Visibility.PUBLIC).toString();
        String none = FinishedStills.store(store, Visibility.PUBLIC).toString();
        String a = like(two, null).cookie("oneira-client");
        like(two, null);
        like(one, a);

        Response popular = given().cookie("oneira-client", a).get("/api/dreams?sort=popular&limit=100");
        popular.then().statusCode(200);
        List<String> ids = popular.jsonPath().getList("dreams.id");
        assertThat(ids.indexOf(two)).isLessThan(ids.indexOf(one));
        assertThat(ids.indexOf(one)).isLessThan(ids.indexOf(none));
        assertThat(popular.jsonPath().getInt("dreams.find { it.id == '" + two + "' }.likes")).isEqualTo(2);
        assertThat(popular.jsonPath().getBoolean("dreams.find { it.id == '" + one + "' }.likedByYou")).isTrue();
        assertThat(popular.jsonPath().getBoolean("dreams.find { it.id == '" + none + "' }.likedByYou")).isFalse();

        // page by page with the next cursor: every dream once, the cursor keeping the order
        List<String> all = given().get("/api/dreams?sort=popular&limit=100").jsonPath().getList("dreams.id");
        List<String> paged = new java.util.ArrayList<>();
        String next = null;
        do {
            Response page = given().queryParam("limit", 2).queryParam("sort", next == null ? "popular" : null)
                    .queryParam("cursor", next).get("/api/dreams");
            page.then().statusCode(200);
            paged.addAll(page.jsonPath().getList("dreams.id"));
            next = page.jsonPath().getString("next");
            if (next != null) {
                assertThat(page.jsonPath().getString("nextUrl")).contains("sort=popular").contains("cursor=" + next);
            }
        } while (next != null);
        assertThat(paged).isEqualTo(all);

        problem(given().get("/api/dreams?sort=best"), 400, "Unknown sort", "allowed: newest, popular");
        problem(given().get("/api/dreams?cursor=page-two"), 400, "Bad cursor", "leave cursor out for the first page");
        String popularCursor = given().get("/api/dreams?sort=popular&limit=1").jsonPath().getString("next");
        problem(given().get("/api/dreams?sort=newest&cursor=" + popularCursor), 400, "Cursor of another order",
                "sort=popular");
    }

    @Test
    void thePageShowsTheCountAndItsFormLikesWithoutScripts() {
        String id = FinishedStills.store(store, Visibility.PUBLIC).toString();
        String page = given().accept("text/html").get("/d/" + id).asString();
        assertThat(page).contains("id=\"like-form\"").contains("0 likes").contains("/static/likes.js");

        Csrf csrf = Csrf.fromHomePage();
        Response posted = given().redirects().follow(false).cookie("oneira-csrf", csrf.cookie())
                .cookie("oneira-csrf-sig", csrf.signature()).formParam("csrf-token", csrf.field())
                .formParam("action", "like").post("/d/" + id + "/like");
        posted.then().statusCode(303).header("Location", containsString("/d/" + id + "#like"));
        String client = posted.getCookie("oneira-client");
        assertThat(client).isNotBlank();
        String after = given().accept("text/html").cookie("oneira-client", client).get("/d/" + id).asString();
        assertThat(after).contains("1 like<").contains("aria-pressed=\"true\"").contains("value=\"unlike\"");

        // without the form's token: refused, nothing counted
        given().redirects().follow(false).accept("text/html").formParam("action", "like").post("/d/" + id + "/like")
                .then().statusCode(403);
        given().get("/api/dreams/" + id).then().body("likes", equalTo(1));

        // the home page's cards show the count; its popular order is one click away
        assertThat(given().accept("text/html").get("/?sort=popular").asString())
                .contains("aria-current=\"page\">Popular").contains("&#9829; 1</span>");
    }

    @Test
    void theApiDescriptionHasTheLikesAndTheOrders() {
        String openapi = given().accept("application/json").get("/q/openapi").asString();
        assertThat(openapi).contains("/api/dreams/{id}/like").contains("LikeState").contains("likedByYou")
                .contains("newest (default) or popular");
    }

    private static void problem(Response r, int status, String title, String detail) {
        r.then().statusCode(status).contentType("application/problem+json").body("title", equalTo(title))
                .body("detail", containsString(detail)).body("status", equalTo(status));
    }
}
