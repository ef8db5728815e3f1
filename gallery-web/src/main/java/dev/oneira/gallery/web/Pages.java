package dev.oneira.gallery.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.oneira.gallery.DreamService;
import dev.oneira.gallery.GalleryConfig;
import dev.oneira.gallery.image.UploadRejected;
import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.OwnerTokens;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.DreamSpecFields;
import dev.oneira.shared.spec.LayerWeight;
import dev.oneira.shared.spec.Preset;
import dev.oneira.shared.spec.Presets;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/** The server-rendered pages: home (upload + gallery), a dream's page, and the upload form's target. */
@Path("/")
public class Pages {

    @Inject
    Template index;
    @Inject
    Template dream;
    @Inject
    DreamIndex dreams;
    @Inject
    DreamService service;
    @Inject
    GalleryConfig config;
    @Inject
    ObjectMapper json;

    /** A preset card: its name, words and example picture. */
    public record PresetCard(String name, String title, String description, String example, boolean checked) {
    }

    /** One advanced-panel input: name, label, bounds and hint, the value to prefill. */
    public record Field(String name, String label, String type, String min, String max, String step, String hint,
                       String value) {
    }

    /** A gallery card: the dream, and the two pictures to show. */
    public record Card(String id, String status, String originalUrl, String dreamUrl, String alt, String when) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance home(@QueryParam("cursor") String cursor, @Context UriInfo uri,
                                 @Context HttpServerRequest request) {
        DreamId before = cursor == null || cursor.isBlank() || !DreamId.isValid(cursor) ? null : DreamId.parse(cursor);
        DreamIndex.Page page = dreams.page(before, config.pageSize());
        Map<String, String> prefill = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (DreamSpecFields.KNOWN.contains(k) && !v.isEmpty()) {
                prefill.put(k, v.get(0));
            }
        });
        String chosen = Presets.byName(prefill.get(DreamSpecFields.PRESET)).map(Preset::name)
                .orElse(prefill.isEmpty() ? Presets.DEFAULT.name() : null);
        List<PresetCard> presets = Presets.ALL.stream().map(p -> new PresetCard(p.name(), p.title(), p.description(),
                "/static/presets/chelsea-" + p.name() + ".jpg", p.name().equals(chosen))).toList();
        return index.data("presets", presets)
                .data("customChosen", chosen == null)
                .data("fields", fields(prefill))
                .data("initNoise", "noise".equalsIgnoreCase(prefill.get(DreamSpecFields.INIT)))
                .data("cards", page.dreams().stream().map(Pages::card).toList())
                .data("next", page.next() == null ? null : page.next().toString())
                .data("paged", before != null)
                .data("maxMegabytes", String.format(Locale.ROOT, "%.0f", config.maxUploadBytes() / 1e6))
                .data("baseUrl", baseUrl(request));
    }

    @GET
    @Path("d/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance dreamPage(@PathParam("id") String id, @CookieParam(DreamApi.OWNER_COOKIE) String owner,
                                      @Context HttpServerRequest request) {
        DreamId dreamId = DreamId.parse(id);
        DreamEntry entry = dreams.get(dreamId).or(() -> dreams.load(dreamId))
                .orElseThrow(() -> new DreamService.NotFound(dreamId));
        DreamView view = DreamView.of(entry, dreams);
        DreamManifest m = entry.manifest();
        DreamSpec spec = m.spec();
        String base = baseUrl(request);
        String pageUrl = base + "/d/" + id;
        boolean done = m.status() == DreamStatus.DONE;
        String imageUrl = base + (done ? Links.dream(id) : Links.original(id));
        String presetTitle = spec.preset() == null ? "custom settings"
                : Presets.byName(spec.preset()).map(p -> p.title() + (sameAsPreset(spec, p) ? "" : ", adjusted"))
                .orElse(spec.preset());
        String description = done
                ? "A DeepDream of a photo, dreamt with " + presetTitle + " (" + spec.layersText() + ", "
                + spec.octaveCount() + " octaves, seed " + spec.seed() + ")."
                : "A photo being dreamt with " + presetTitle + ".";
        Map<String, String> again = new LinkedHashMap<>(DreamSpecFields.toFields(spec));
        String againQuery = again.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        List<Row> specRows = new ArrayList<>();
        specRows.add(new Row("Preset", spec.preset() == null ? "none (custom)" : presetTitle));
        specRows.add(new Row("Layers", spec.layers().stream().map(LayerWeight::toString)
                .collect(Collectors.joining(", "))));
        specRows.add(new Row("Octaves", spec.octaveFrom() + " to " + spec.octaveTo() + " (scale "
                + spec.octaveScale() + ")"));
        specRows.add(new Row("Steps per octave", spec.stepsPerOctave() + " (step size " + spec.stepSize() + ")"));
        specRows.add(new Row("Tile size / jitter", spec.tileSize() + " / " + spec.jitter() + " px"));
        specRows.add(new Row("Longest side", spec.maxSide() + " px"));
        specRows.add(new Row("Starts from", spec.init() == null ? "image" : spec.init().wireName()));
        specRows.add(new Row("Seed", spec.seed() == null ? "chosen when the dream starts" : spec.seed().toString()));
        String shareText = "A dream by Oneira";
        return dream.data("d", view)
                .data("status", m.status().name())
                .data("statusWords", statusWords(m.status()))
                .data("done", done)
                .data("failed", m.status() == DreamStatus.FAILED)
                .data("queued", m.status() == DreamStatus.QUEUED)
                .data("dreaming", m.status() == DreamStatus.DREAMING)
                .data("percent", view.progress() == null ? 0 : (int) Math.round(view.progress().fraction() * 100))
                .data("pageUrl", pageUrl)
                .data("imageUrl", imageUrl)
                .data("imageWidth", done ? m.dreamWidth() : m.originalWidth())
                .data("imageHeight", done ? m.dreamHeight() : m.originalHeight())
                .data("title", done ? "A dream with " + presetTitle + " | Oneira" : "Dreaming… | Oneira")
                .data("description", description)
                .data("specRows", specRows)
                .data("againUrl", "/?" + againQuery)
                .data("elapsed", m.elapsedMs() == null ? null : String.format(Locale.ROOT, "%.1f s", m.elapsedMs() / 1000.0))
                .data("owner", owner != null && OwnerTokens.matches(owner, m.ownerTokenHash()))
                .data("share", shareLinks(pageUrl, shareText))
                .data("baseUrl", base);
    }

    /** The upload form (multipart, CSRF-checked). Answers JSON to scripts, a redirect to the dream's page otherwise. */
    @POST
    @Path("dreams")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Response upload(MultipartFormDataInput input, @CookieParam(DreamApi.OWNER_COOKIE) String owner,
                           @Context HttpHeaders headers, @Context HttpServerRequest request) throws IOException {
        byte[] bytes = null;
        String fileName = null;
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Collection<FormValue>> e : input.getValues().entrySet()) {
            for (FormValue v : e.getValue()) {
                if (v.isFileItem()) {
                    if (DreamService.IMAGE.equals(e.getKey())) {
                        fileName = v.getFileName();
                        long size = v.getFileItem().getFileSize();
                        if (size == 0 && (fileName == null || fileName.isBlank())) {
                            continue; // the file input left empty
                        }
                        service.normalizer().checkSize(size, fileName);
                        bytes = v.getFileItem().isInMemory() ? readAll(v) : Files.readAllBytes(v.getFileItem().getFile());
                    }
                } else {
                    fields.put(e.getKey(), v.getValue());
                }
            }
        }
        DreamService.Created created = service.create(ClientAddress.of(request), bytes, fileName, fields, owner);
        DreamView view = DreamView.of(created.entry(), dreams);
        NewCookie cookie = new NewCookie.Builder(DreamApi.OWNER_COOKIE).value(created.ownerToken()).path("/")
                .httpOnly(true).sameSite(NewCookie.SameSite.LAX).maxAge(365 * 24 * 3600).build();
        boolean script = headers.getAcceptableMediaTypes().stream()
                .anyMatch(t -> t.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !t.isWildcardType());
        if (script) {
            return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).cookie(cookie)
                    .location(URI.create(view.links().get("self")))
                    .entity(Map.of("id", view.id(), "status", view.status(), "links", view.links())).build();
        }
        return Response.seeOther(URI.create("/d/" + view.id())).cookie(cookie).build();
    }

    /** Deleting from the dream's page without scripts (CSRF-checked form). */
    @POST
    @Path("d/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response deleteForm(@PathParam("id") String id, @CookieParam(DreamApi.OWNER_COOKIE) String owner) {
        DreamId dreamId = DreamId.parse(id);
        if (!service.delete(dreamId, owner)) {
            throw new UploadRejected(403, "Not your dream", "Only the person who uploaded this dream can delete it.");
        }
        return Response.seeOther(URI.create("/")).build();
    }

    /** Hiding the dream from the gallery, or showing it again, from its page (CSRF-checked form). */
    @POST
    @Path("d/{id}/visibility")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response visibilityForm(@PathParam("id") String id, @FormParam("visibility") String visibility,
                                   @CookieParam(DreamApi.OWNER_COOKIE) String owner) {
        DreamId dreamId = DreamId.parse(id);
        if (!service.setVisibility(dreamId, owner, DreamService.parseVisibility(visibility))) {
            throw new UploadRejected(403, "Not your dream", "Only the person who uploaded this dream can hide or show it.");
        }
        return Response.seeOther(URI.create("/d/" + dreamId)).build();
    }

    private static byte[] readAll(FormValue v) throws IOException {
        try (var in = v.getFileItem().getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** The preset's spec, apart from the seed and the size (which do not change the style). */
    static boolean sameAsPreset(DreamSpec spec, Preset preset) {
        return spec.withoutSeed().withMaxSide(DreamSpec.DEFAULT_MAX_SIDE)
                .equals(preset.spec().withoutSeed().withMaxSide(DreamSpec.DEFAULT_MAX_SIDE));
    }

    static Card card(DreamEntry e) {
        DreamManifest m = e.manifest();
        String id = m.id().toString();
        boolean done = m.status() == DreamStatus.DONE;
        return new Card(id, statusWords(m.status()), done ? Links.originalThumb(id) : Links.original(id),
                done ? Links.dreamThumb(id) : null,
                (m.spec().preset() == null ? "custom" : m.spec().preset()) + " dream",
                m.createdAt().toString().substring(0, 16).replace('T', ' '));
    }

    static String statusWords(DreamStatus status) {
        return switch (status) {
            case QUEUED -> "Waiting in line";
            case DREAMING -> "Dreaming";
            case DONE -> "Done";
            case FAILED -> "Failed";
        };
    }

    private List<Field> fields(Map<String, String> prefill) {
        DreamSpec d = DreamSpec.defaults();
        List<Field> out = new ArrayList<>();
        out.add(new Field("layers", "Layers", "text", null, null, null,
                "comma-separated layer:weight, layers " + String.join(", ", DreamSpec.OFFERED_LAYERS) + ", weights "
                        + fmt(DreamSpec.MIN_LAYER_WEIGHT) + " to " + fmt(DreamSpec.MAX_LAYER_WEIGHT) + ", e.g. "
                        + d.layersText(), prefill.get("layers")));
        out.add(new Field("octaveFrom", "First octave", "number", "" + DreamSpec.MIN_OCTAVE, "" + DreamSpec.MAX_OCTAVE,
                "1", DreamSpec.MIN_OCTAVE + " to " + DreamSpec.MAX_OCTAVE + ", at most " + DreamSpec.MAX_OCTAVE_COUNT
                + " octaves", prefill.get("octaveFrom")));
        out.add(new Field("octaveTo", "Last octave", "number", "" + DreamSpec.MIN_OCTAVE, "" + DreamSpec.MAX_OCTAVE,
                "1", DreamSpec.MIN_OCTAVE + " to " + DreamSpec.MAX_OCTAVE, prefill.get("octaveTo")));
        out.add(new Field("octaveScale", "Octave scale", "number", fmt(DreamSpec.MIN_OCTAVE_SCALE),
                fmt(DreamSpec.MAX_OCTAVE_SCALE), "0.01", fmt(DreamSpec.MIN_OCTAVE_SCALE) + " to "
                + fmt(DreamSpec.MAX_OCTAVE_SCALE), prefill.get("octaveScale")));
        out.add(new Field("stepsPerOctave", "Steps per octave", "number", "" + DreamSpec.MIN_STEPS_PER_OCTAVE,
                "" + DreamSpec.MAX_STEPS_PER_OCTAVE, "1", DreamSpec.MIN_STEPS_PER_OCTAVE + " to "
                + DreamSpec.MAX_STEPS_PER_OCTAVE, prefill.get("stepsPerOctave")));
        out.add(new Field("stepSize", "Step size", "number", fmt(DreamSpec.MIN_STEP_SIZE), fmt(DreamSpec.MAX_STEP_SIZE),
                "0.0001", fmt(DreamSpec.MIN_STEP_SIZE) + " to " + fmt(DreamSpec.MAX_STEP_SIZE), prefill.get("stepSize")));
        out.add(new Field("tileSize", "Tile size (px)", "number", "" + DreamSpec.MIN_TILE_SIZE,
                "" + DreamSpec.MAX_TILE_SIZE, "1", DreamSpec.MIN_TILE_SIZE + " to " + DreamSpec.MAX_TILE_SIZE,
                prefill.get("tileSize")));
        out.add(new Field("jitter", "Jitter (px)", "number", "" + DreamSpec.MIN_JITTER, "" + DreamSpec.MAX_TILE_SIZE,
                "1", DreamSpec.MIN_JITTER + " to the tile size", prefill.get("jitter")));
        out.add(new Field("maxSide", "Longest side (px)", "number", "" + DreamSpec.MIN_MAX_SIDE,
                "" + DreamSpec.MAX_MAX_SIDE, "1", DreamSpec.MIN_MAX_SIDE + " to " + DreamSpec.MAX_MAX_SIDE
                + " (bigger is slower)", prefill.get("maxSide")));
        out.add(new Field("seed", "Seed", "text", null, null, null, "a whole number from " + DreamSpec.MIN_SEED + " to "
                + DreamSpec.MAX_SEED + ", or empty for random", prefill.get("seed")));
        return out;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public record Row(String label, String value) {
    }

    public record ShareLink(String name, String url) {
    }

    static List<ShareLink> shareLinks(String pageUrl, String text) {
        String u = enc(pageUrl);
        String t = enc(text);
        return List.of(
                new ShareLink("X", "https://x.com/intent/post?url=" + u + "&text=" + t),
                new ShareLink("Bluesky", "https://bsky.app/intent/compose?text=" + t + "%20" + u),
                new ShareLink("Facebook", "https://www.facebook.com/sharer/sharer.php?u=" + u),
                new ShareLink("Reddit", "https://www.reddit.com/submit?url=" + u + "&title=" + t),
                new ShareLink("WhatsApp", "https://wa.me/?text=" + t + "%20" + u),
                new ShareLink("E-mail", "mailto:?subject=" + t + "&body=" + u));
    }

    /**
     * The absolute base of canonical and share links: the configured public URL, else the address of
     * the socket the request arrived on. Never the Host header: a client chooses that, and it would
     * end up in links that others copy and in share cards that crawlers cache.
     */
    String baseUrl(HttpServerRequest request) {
        String configured = config.publicUrl().filter(s -> !s.isBlank()).orElse(null);
        String base;
        if (configured != null) {
            base = configured;
        } else {
            var local = request.localAddress();
            String host = local.hostAddress().contains(":") ? "[" + local.hostAddress() + "]" : local.hostAddress();
            base = (request.isSSL() ? "https" : "http") + "://" + host + ":" + local.port();
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
