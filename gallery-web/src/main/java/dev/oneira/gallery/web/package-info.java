/** The HTTP edge: Qute pages as checked template records, the form, the JSON API with problem details, media, share links; status codes live here. */
package dev.oneira.gallery.web;
