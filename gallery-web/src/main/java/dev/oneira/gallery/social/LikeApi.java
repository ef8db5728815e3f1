package dev.oneira.gallery.social;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.oneira.gallery.web.ClientAddress;
import dev.oneira.gallery.web.CrossSite;
import dev.oneira.gallery.web.Problem;
import dev.oneira.gallery.web.ProblemMapper;
import dev.oneira.shared.id.DreamId;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT / DELETE /api/dreams/{id}/like}: like a dream, or take the like back, as this browser (cookie
 * {@value ClientIds#COOKIE}, set by the answer when the browser has none). Both are idempotent and answer
 * {@link LikeState}. Plain Vert.x routes, as {@code ApiUploadRoute}'s: quarkus-rest-csrf refuses a PUT or
 * DELETE without a form body before a JAX-RS method sees it; a browser on another site is refused here by
 * its Origin / Sec-Fetch-Site instead (and SameSite=Lax keeps the cookie off cross-site requests anyway).
 * Described in META-INF/openapi.yaml.
 */
@ApplicationScoped
public class LikeApi {

    @Inject
    Likes likes;
    @Inject
    ObjectMapper json;

    /** A dream's likes, and whether the asking browser is one of them. */
    public record LikeState(String id, int likes, boolean likedByYou) {
    }

    void install(@Observes Router router) {
        router.put("/api/dreams/:id/like").order(-10).blockingHandler(ctx -> answer(ctx, true), false);
        router.delete("/api/dreams/:id/like").order(-10).blockingHandler(ctx -> answer(ctx, false), false);
    }

    private void answer(RoutingContext ctx, boolean like) {
        String id = ctx.pathParam("id");
        String path = "/api/dreams/" + id + "/like";
        try {
            if (CrossSite.isCrossSite(ctx.request().getHeader("Sec-Fetch-Site"), ctx.request().getHeader("Origin"),
                    ctx.request().getHeader("Host"))) {
                send(ctx, Problem.of(403, "Cross-site request refused", "Likes can only be given from this site's"
                        + " pages or by your own program.", path));
                return;
            }
            Cookie cookie = ctx.request().getCookie(ClientIds.COOKIE);
            String client = cookie == null ? null : cookie.getValue();
            DreamId dreamId = DreamId.parse(id);
            String address = ClientAddress.of(ctx.request());
            Likes.Outcome outcome = like ? likes.like(dreamId, client, address) : likes.unlike(dreamId, client, address);
            if (outcome.newClientId() != null) {
                ctx.response().addCookie(ClientIds.vertxCookie(outcome.newClientId(),
                        "https".equals(ctx.request().scheme())));
            }
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(json.writeValueAsString(new LikeState(id, outcome.likes(), outcome.liked())));
        } catch (Likes.Refused | InvalidListing e) {
            send(ctx, SocialProblems.toProblem(e, path));
        } catch (Exception e) {
            ProblemMapper.retryAfterSeconds(e).ifPresent(s -> ctx.response().putHeader("Retry-After", Long.toString(s)));
            send(ctx, ProblemMapper.toProblem(e, path));
        }
    }

    private void send(RoutingContext ctx, Problem problem) {
        try {
            ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (IOException e) {
            ctx.fail(e);
        }
    }
}
