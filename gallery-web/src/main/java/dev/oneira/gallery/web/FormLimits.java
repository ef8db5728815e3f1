package dev.oneira.gallery.web;

import java.util.Locale;

import io.quarkus.runtime.configuration.MemorySize;

import dev.oneira.gallery.image.UploadRejected;

/**
 * Form fields longer than Vert.x's form-attribute limit ({@code quarkus.http.limits.max-form-attribute-size})
 * never reach our code: the body decoder fails the request. That limit is set far above any real field,
 * so that {@code DreamService} sees ordinary too-long fields and names them; this answers the rest.
 */
final class FormLimits {

    private FormLimits() {
    }

    /** Netty's decoder says so with a TooLongFormFieldException or "Size exceed allowed maximum capacity". */
    static boolean isFieldTooLong(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getSimpleName();
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (name.contains("TooLong") || message.contains("exceed allowed maximum capacity")
                    || message.contains("too long")) {
                return true;
            }
        }
        return false;
    }

    static UploadRejected unreadable(MemorySize limit) {
        return new UploadRejected(400, "Upload could not be read", String.format(Locale.ROOT, "The upload could not"
                + " be read as a form: a text field may be longer than %d KB, the most a field may be, or the"
                + " multipart body is broken. Send the photo in the part \"image\" and each setting as a short text"
                + " field.", limit.asLongValue() / 1024));
    }

    static UploadRejected fieldTooLong(MemorySize limit) {
        return new UploadRejected(413, "Form field too long", String.format(Locale.ROOT, "A text field of the form is"
                + " longer than %d KB, the most a field may be. Send the photo in the part \"image\" and keep each"
                + " setting short.", limit.asLongValue() / 1024));
    }
}
