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

    /** The guide image of a guided dream (normalised PNG). */
    public static String guide(String id) {
        return "/media/guides/" + id + ".png";
    }

    /** The mask of a masked dream (8-bit grey PNG at the photo's size). */
    public static String mask(String id) {
        return "/media/masks/" + id + ".png";
    }

    /** The animation's video (H.264 MP4, served with HTTP range support). */
    public static String video(String id) {
        return "/media/videos/" + id + ".mp4";
    }

    /** The animation's short looping preview (animated WebP) for gallery cards. */
    public static String previewLoop(String id) {
        return "/media/loops/" + id + ".webp";
    }

    /** The animation's poster frame (JPEG): its first frame, shown before the video plays and in share cards. */
    public static String poster(String id) {
        return "/media/posters/" + id + ".jpg";
    }
}
