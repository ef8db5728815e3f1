package dev.oneira.worker.core;

/**
 * What the dream page and the API say when a dream fails: plain words, never an object key, a URL,
 * a bucket or an exception's class or message. The details go to the worker's log with the dream
 * id, where an operator finds them.
 */
final class PlainWords {

    static final String UNDECODABLE = "The photo could not be read as an image. Try another photo, as JPEG or PNG.";
    static final String PHOTO_MISSING = "The photo of this dream is no longer stored, so it cannot be dreamt. "
            + "Please upload it again.";
    static final String UNREADABLE_REQUEST = "The dream request could not be read. Please upload the photo again.";
    static final String INTERNAL = "Something went wrong while dreaming this photo. The problem was logged; "
            + "please try again later.";
    static final String STORE_REFUSED = "The image storage refused to keep this dream. The problem was logged; "
            + "please try again later.";

    private PlainWords() {
    }
}
