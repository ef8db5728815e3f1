package dev.oneira.gallery.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.oneira.gallery.DreamService;
import dev.oneira.gallery.InputImages;
import dev.oneira.gallery.image.ImageNormalizer;
import dev.oneira.gallery.image.UploadRejected;

/**
 * One upload as both doors receive it: the page's form ({@link Pages}, RESTEasy multipart) and the API
 * ({@link ApiUploadRoute}, Vert.x). Each door hands over its file parts and text fields; the rules live
 * here once: a file input left empty is no file, each file's declared size is checked before it is read,
 * a guide or mask problem names its part. Also the one JSON body a created upload is answered with.
 */
final class UploadForm {

    /** A file part as a door received it (read only after its declared size passed). */
    interface FilePart {
        String name();

        String fileName();

        long size() throws IOException;

        byte[] read() throws IOException;
    }

    private final Map<String, String> fields;
    private byte[] image;
    private String imageName;
    private InputImages.Part guide;
    private InputImages.Part mask;

    private UploadForm(Map<String, String> fields) {
        this.fields = new LinkedHashMap<>(fields);
    }

    /** The form's parts: the photo ({@code image}), guide and mask files, text fields; other files are ignored. */
    static UploadForm read(List<FilePart> files, Map<String, String> fields, ImageNormalizer normalizer)
            throws IOException {
        UploadForm form = new UploadForm(fields);
        for (FilePart f : files) {
            if (f.size() == 0 && (f.fileName() == null || f.fileName().isBlank())) {
                continue; // a file input left empty
            }
            switch (f.name()) {
                case DreamService.IMAGE -> {
                    normalizer.checkSize(f.size(), f.fileName());
                    form.image = f.read();
                    form.imageName = f.fileName();
                }
                case InputImages.GUIDE -> form.guide = part(f, normalizer);
                case InputImages.MASK -> form.mask = part(f, normalizer);
                default -> {
                    // not ours: ignored, as unknown fields are by the spec parser's error (named there)
                }
            }
        }
        return form;
    }

    private static InputImages.Part part(FilePart f, ImageNormalizer normalizer) throws IOException {
        try {
            normalizer.checkSize(f.size(), f.fileName());
        } catch (UploadRejected e) {
            throw InputImages.about(f.name(), e);
        }
        return new InputImages.Part(f.read(), f.fileName());
    }

    /** Hands the upload to the service (every check of content happens there). */
    DreamService.Created create(DreamService service, String client, String ownerToken) {
        return service.create(client, image, imageName, fields, ownerToken, guide, mask);
    }

    /**
     * The 201 body of both doors: id, status, the dream, its links, and the owner token when the caller is
     * to see it (API clients; the page's script does not: its browser keeps the token in an httpOnly cookie).
     */
    static Map<String, Object> createdBody(DreamView view, String ownerTokenOrNull) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", view.id());
        body.put("status", view.status());
        if (ownerTokenOrNull != null) {
            body.put("ownerToken", ownerTokenOrNull);
        }
        body.put("dream", view);
        body.put("links", view.links());
        return body;
    }
}
