/** The events on {@code dream-requests} and {@code dream-events} and their JSON codec. */
package dev.oneira.shared.event;
