package dev.oneira.gallery.web;

import java.util.List;

import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;

/**
 * Where a dream came from and what was made of it, as its page shows it (issue 15): the dream it was
 * remixed from (its thumbnail and link, or "source removed" once deleted) and one page of its public
 * remixes, newest first ({@code moreUrl}: the next page, keyset).
 *
 * @param remixOf        the source's id, or null when the dream is no remix
 * @param sourceRemoved  the source was deleted (its remixes stay)
 */
public record LineageView(String remixOf, boolean sourceRemoved, String sourceUrl, String sourceThumbUrl,
                          List<HomePage.Card> remixes, String moreUrl) {

    /** Remixes listed on a page at once. */
    static final int REMIXES_PER_PAGE = 12;

    static LineageView of(DreamManifest m, DreamIndex index, DreamId remixesBefore) {
        String sourceId = m.remixOf() == null ? null : m.remixOf().toString();
        DreamManifest source = m.remixOf() == null ? null
                : index.get(m.remixOf()).map(e -> e.manifest()).orElse(null);
        String thumb = source == null ? null
                : source.status() == DreamStatus.DONE ? Links.dreamThumb(sourceId) : Links.original(sourceId);
        DreamIndex.Page page = index.remixes(m.id(), remixesBefore, REMIXES_PER_PAGE);
        return new LineageView(sourceId, sourceId != null && source == null,
                sourceId == null ? null : "/d/" + sourceId, thumb,
                page.dreams().stream().map(HomePage::card).toList(),
                page.next() == null ? null : "/d/" + m.id() + "?remixes=" + page.next() + "#remixes");
    }
}
