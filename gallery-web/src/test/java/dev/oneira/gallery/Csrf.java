package dev.oneira.gallery;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A real CSRF cookie, its signature cookie and the form token, as the home page hands them to a browser. */
record Csrf(String cookie, String signature, String field) {

    static Csrf fromHomePage() {
        Response home = given().accept("text/html").get("/");
        String field = home.asString().replaceAll("(?s).*name=\"csrf-token\" value=\"([^\"]+)\".*", "$1");
        return new Csrf(home.getCookie("oneira-csrf"), home.getCookie("oneira-csrf-sig"), field);
    }

    /** A form request carrying both cookies and the token field, as the browser sends it. */
    RequestSpecification form() {
        return given().cookie("oneira-csrf", cookie).cookie("oneira-csrf-sig", signature).multiPart("csrf-token", field);
    }
}
