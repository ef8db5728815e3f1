/** The web gallery's services: creating dreams from uploads (photo, guide, mask), sending requests, configuration, rate limiting and readiness. */
package dev.oneira.gallery;
