package dev.oneira.gallery.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.shared.id.DreamId;
import dev.oneira.gallery.social.LikeButton;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.OwnerTokens;
import dev.oneira.shared.spec.ChannelExamples;
import dev.oneira.shared.spec.ColorMode;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.DreamSpecFields;
import dev.oneira.shared.spec.LayerWeight;
import dev.oneira.shared.spec.Preset;
import dev.oneira.shared.spec.Presets;
import dev.oneira.shared.spec.Strength;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** A dream's page (templates/dream.html): progress or result, its settings, "dream again", sharing. */
public final class DreamPage {

    private DreamPage() {
    }

    /**
     * Everything templates/dream.html shows; checked against the template when the app is built.
     * {@code held} (issue 12): awaiting review; the page says so, shows the photo to its owner only
     * and offers no share card, no share links.
     */
    @CheckedTemplate(basePath = "", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    public record Dream(DreamView d, String status, String statusWords, boolean done, boolean failed, boolean queued,
                        boolean dreaming, int percent, String pageUrl, String imageUrl, Integer imageWidth,
                        Integer imageHeight, String title, String description, List<Row> specRows,
                        List<Picture> inputs, String againUrl, boolean againReusesInputs, String elapsed,
                        boolean owner, List<ShareLink> share, String baseUrl, String imageType, String progressText,
                        AnimationView.Video video, LikeButton like, boolean held, String eta, LineageView lineage,
                        String networkNote) implements TemplateInstance {
    }

    /** One line of the settings list. */
    public record Row(String label, String value) {
    }

    /** A picture the dream was made with besides the photo: the guide image, the mask. */
    public record Picture(String id, String label, String url, String alt) {
    }

    public record ShareLink(String name, String url) {
    }

    /** @param remixesBefore the cursor of the page of remixes shown (null: the newest) */
    static Dream of(DreamEntry entry, DreamIndex index, String base, String ownerCookie, LikeButton like,
                    DreamId remixesBefore) {
        DreamView view = DreamView.of(entry, index);
        DreamManifest m = entry.manifest();
        DreamSpec spec = m.spec();
        String id = view.id();
        String pageUrl = base + "/d/" + id;
        boolean done = m.status() == DreamStatus.DONE;
        AnimationView.Video video = done ? AnimationView.video(m, base) : null;
        String imageUrl = video != null ? video.posterUrl() : base + (done ? Links.dream(id) : Links.original(id));
        String presetTitle = spec.preset() == null ? "custom settings"
                : Presets.byName(spec.preset()).map(p -> p.title() + (sameAsPreset(spec, p) ? "" : ", adjusted"))
                .orElse(spec.preset());
        boolean held = m.status() == DreamStatus.HELD;
        String description = done
                ? (video != null ? "A DeepDream video (" + video.length() + ") of a photo, dreamt with "
                : "A DeepDream of a photo, dreamt with ") + presetTitle + " (" + spec.layersText() + ", "
                + spec.octaveCount() + " octaves, seed " + spec.seed() + ")."
                : held ? "A photo awaiting review before it is dreamt."
                : "A photo being dreamt with " + presetTitle + ".";
        List<Picture> inputs = new ArrayList<>();
        if (spec.guide()) {
            inputs.add(new Picture("guide-image", "Guide image", Links.guide(id),
                    "The guide image: the dream was pulled towards what the network sees in it"));
        }
        if (spec.mask()) {
            inputs.add(new Picture("mask-image", "Mask", Links.mask(id),
                    "The mask: white where the photo was dreamt, black where it was kept"));
        }
        return new Dream(view, m.status().name(), statusWords(m.status()), done, m.status() == DreamStatus.FAILED,
                m.status() == DreamStatus.QUEUED, m.status() == DreamStatus.DREAMING,
                view.progress() == null ? 0 : (int) Math.round(view.progress().fraction() * 100), pageUrl, imageUrl,
                done ? m.dreamWidth() : m.originalWidth(), done ? m.dreamHeight() : m.originalHeight(),
                done ? "A dream with " + presetTitle + " | Oneira" : held ? "Awaiting review | Oneira" : "Dreaming… | Oneira",
                description,
                withNetwork(rows(spec, presetTitle), m), inputs, againUrl(id, spec), spec.guide() || spec.mask(),
                m.elapsedMs() == null ? null : String.format(Locale.ROOT, "%.1f s", m.elapsedMs() / 1000.0),
                ownerCookie != null && OwnerTokens.matches(ownerCookie, m.ownerTokenHash()),
                shareLinks(pageUrl, video != null ? "A dream video by Oneira" : "A dream by Oneira"), base,
                video != null ? "image/jpeg" : "image/png", AnimationView.progressText(view.progress()), video, like,
                held, EtaWords.of(m.status(), view.estimatedStartAt(), view.estimatedCompletionAt(), java.time.Instant.now()),
                LineageView.of(m, index, remixesBefore), ReproductionView.networkNote(m, index.networkNow()));
    }

    static List<Row> rows(DreamSpec spec, String presetTitle) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Preset", spec.preset() == null ? "none (custom)" : presetTitle));
        rows.add(new Row("Strength", spec.strength() == null ? "not set (steps and step size as given)"
                : spec.strength() + " of " + DreamSpec.MAX_STRENGTH));
        rows.add(new Row("Layers", spec.layers().stream().map(LayerWeight::toString)
                .collect(Collectors.joining(", "))));
        List<String> channels = spec.layers().stream().filter(l -> l.channel() != null)
                .map(l -> "channel " + l.channel() + " of " + l.layer() + example(l)).toList();
        if (!channels.isEmpty()) {
            rows.add(new Row("Channels", String.join(", ", channels)));
        }
        rows.add(new Row("Octaves", spec.octaveFrom() + " to " + spec.octaveTo() + " (scale "
                + spec.octaveScale() + ")"));
        rows.add(new Row("Steps per octave", spec.stepsPerOctave() + " (step size " + spec.stepSize() + ")"));
        rows.add(new Row("Detail", spec.detail() == null ? "preserve" : switch (spec.detail()) {
            case PRESERVE -> "preserve (the photo's fine detail is kept)";
            case TUTORIAL -> "tutorial (the dream is resized between octaves)";
        }));
        rows.add(new Row("Colours", spec.colors() == ColorMode.ORIGINAL ? "original (the photo's colours kept)"
                : "dream (the dream may change colours)"));
        rows.add(new Row("Gradient", spec.gradient() == null ? "std" : switch (spec.gradient()) {
            case STD -> "std (normalised by its standard deviation)";
            case LAPLACIAN -> "laplacian (Laplacian pyramid, smoother)";
        }));
        rows.add(new Row("Guide image", spec.guide() ? "yes (shown below)" : "none"));
        rows.add(new Row("Mask", spec.mask() ? "yes (shown below)" : "none: the whole photo"));
        rows.addAll(AnimationView.rows(spec));
        rows.add(new Row("Tile size / jitter", spec.tileSize() + " / " + spec.jitter() + " px"));
        rows.add(new Row("Longest side", spec.maxSide() + " px"));
        rows.add(new Row("Starts from", spec.init() == null ? "image" : spec.init().wireName()));
        rows.add(new Row("Seed", spec.seed() == null ? "chosen when the dream starts" : spec.seed().toString()));
        return rows;
    }

    private static List<Row> withNetwork(List<Row> rows, DreamManifest m) {
        rows.addAll(ReproductionView.rows(m));
        return rows;
    }

    /** " (eyes)" when the term is one of the named examples. */
    private static String example(LayerWeight term) {
        return ChannelExamples.ALL.stream().filter(e -> e.layers().replace(" ", "").startsWith(term.target() + ":")
                || e.layers().replace(" ", "").equals(term.target())).findFirst()
                .map(e -> " (" + e.title() + ")").orElse("");
    }

    /**
     * The home page with every field of this spec filled in. Steps and step size are left out when
     * the preset and strength give them (so the slider still works on the form). Guide image and mask
     * are pictures, not fields: {@code again} names this dream, and the form offers to use its
     * pictures again (the upload then names it in guideFrom / maskFrom) and says the photo is not
     * carried over.
     */
    static String againUrl(String id, DreamSpec spec) {
        Map<String, String> again = new LinkedHashMap<>(DreamSpecFields.toFields(spec));
        again.remove(DreamSpecFields.GUIDE);
        again.remove(DreamSpecFields.MASK);
        if (spec.strength() != null && spec.strength() >= DreamSpec.MIN_STRENGTH
                && spec.strength() <= DreamSpec.MAX_STRENGTH) {
            DreamSpec base = Optional.ofNullable(spec.preset()).flatMap(Presets::byName).map(Preset::spec)
                    .orElse(DreamSpec.defaults());
            if (Strength.steps(base.stepsPerOctave(), spec.strength()) == spec.stepsPerOctave()
                    && Strength.stepSize(base.stepSize(), spec.strength()) == spec.stepSize()) {
                again.remove(DreamSpecFields.STEPS_PER_OCTAVE);
                again.remove(DreamSpecFields.STEP_SIZE);
            }
        }
        again.put("again", id);
        return "/?" + again.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    /** The preset's spec, apart from the seed and the size (which do not change the style). */
    static boolean sameAsPreset(DreamSpec spec, Preset preset) {
        return spec.withoutSeed().withMaxSide(DreamSpec.DEFAULT_MAX_SIDE)
                .equals(preset.spec().withoutSeed().withMaxSide(DreamSpec.DEFAULT_MAX_SIDE));
    }

    static String statusWords(DreamStatus status) {
        return switch (status) {
            case QUEUED -> "Waiting in line";
            case DREAMING -> "Dreaming";
            case DONE -> "Done";
            case FAILED -> "Failed";
            case HELD -> "Awaiting review";
        };
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

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
