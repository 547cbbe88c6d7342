/**
 * The stream API over HTTP: {@code GET /v1/stream} answers {@code text/event-stream} once every check
 * passed (problem+json before that).
 */
package dev.eventline.stream.http;
