package dev.oneira.gallery.web;

import java.util.List;

import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.social.GalleryListing;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The home page (templates/index.html): the upload form and a page of the gallery. */
public final class HomePage {

    private HomePage() {
    }

    /** Everything templates/index.html shows; checked against the template when the app is built. */
    @CheckedTemplate(basePath = "", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    public record Index(DreamForm form, List<Card> cards, String next, boolean paged, String maxMegabytes,
                        String baseUrl, String sort) implements TemplateInstance {
    }

    /**
     * A gallery card: the dream, and the two pictures to show. For a finished animation the dream's
     * picture is its poster frame (at thumbnail size: the dream thumbnail is frame 0, as the poster)
     * and {@code loopUrl} its preview loop, played on hover and focus; null for stills.
     */
    public record Card(String id, String status, String originalUrl, String dreamUrl, String alt, String when,
                       String loopUrl, int likes) {
    }

    /** {@code sort}: the gallery's order (newest, popular); {@code next} the next page's cursor token. */
    static Index of(DreamForm form, GalleryListing.GalleryPage page, boolean paged, String maxMegabytes,
                    String baseUrl) {
        return new Index(form, page.dreams().stream().map(HomePage::card).toList(), page.next(), paged, maxMegabytes,
                baseUrl, page.sort().wireName());
    }

    static Card card(DreamEntry e) {
        DreamManifest m = e.manifest();
        String id = m.id().toString();
        boolean done = m.status() == DreamStatus.DONE;
        return new Card(id, DreamPage.statusWords(m.status()), done ? Links.originalThumb(id) : Links.original(id),
                done ? Links.dreamThumb(id) : null,
                (m.spec().preset() == null ? "custom" : m.spec().preset()) + (m.spec().animation() != null
                        ? " dream video" : " dream"),
                m.createdAt().toString().substring(0, 16).replace('T', ' '),
                done && m.spec().animation() != null ? Links.previewLoop(id) : null, e.likes());
    }
}
