package dev.oneira.gallery.web;

import io.vertx.core.http.HttpServerRequest;

/** Who is uploading, for the rate limit: the remote address (Quarkus applies X-Forwarded-For when proxy forwarding is on). */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
