package dev.oneira.gallery.web;

/** Site-relative addresses of a dream's images. */
public final class Links {

    private Links() {
    }

    public static String original(String id) {
        return "/media/originals/" + id + ".png";
    }

    public static String dream(String id) {
        return "/media/dreams/" + id + ".png";
    }

    public static String originalThumb(String id) {
        return "/media/thumbs/" + id + "-original.jpg";
    }

    public static String dreamThumb(String id) {
        return "/media/thumbs/" + id + "-dream.jpg";
    }
}
