package dev.oneira.gallery.web;

/** Whether a browser sent a request from another site; for the API routes and the forms alike. */
public final class CrossSite {

    private CrossSite() {
    }

    /**
     * A browser posting from another site: it says so (Sec-Fetch-Site), or its Origin is not this host.
     * Requests without Origin (programs, old browsers) pass: they carry no one else's cookies
     * unknowingly, and the forms still need their signed token.
     */
    public static boolean isCrossSite(String secFetchSite, String origin, String host) {
        if ("cross-site".equalsIgnoreCase(secFetchSite) || "same-site".equalsIgnoreCase(secFetchSite)) {
            return true;
        }
        if (origin == null || origin.isBlank()) {
            return false;
        }
        if ("null".equals(origin)) {
            return true;
        }
        return host == null || !origin.endsWith("://" + host);
    }
}
