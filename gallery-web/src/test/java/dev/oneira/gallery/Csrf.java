package dev.oneira.gallery;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

/** A real CSRF cookie and form token, as the home page hands them to a browser. */
record Csrf(String cookie, String field) {

    static Csrf fromHomePage() {
        Response home = given().accept("text/html").get("/");
        String cookie = home.getCookie("oneira-csrf");
        String field = home.asString().replaceAll("(?s).*name=\"csrf-token\" value=\"([^\"]+)\".*", "$1");
        return new Csrf(cookie, field);
    }
}
