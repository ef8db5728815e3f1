/** The HTTP edge: pages, JSON API, upload routes, media, problem details; HTTP statuses live here. */
package dev.oneira.gallery.web;
