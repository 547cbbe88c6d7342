package dev.eventline.stream.subscription;

import java.time.Duration;

/**
 * One frame of the stream. Every field that reaches an SSE line is free of CR, LF and NUL: names are
 * catalog event types or fixed words, ids are cursors, data is one-line JSON.
 *
 * @param event the {@code event:} name, or null for a comment-only frame
 * @param id the {@code id:} (a cursor), or null
 * @param data the {@code data:} JSON, or null
 * @param retry the {@code retry:} hint, or null
 * @param comment a comment line (heartbeat), or null
 */
public record SseFrame(String event, String id, String data, Duration retry, String comment) {

    /** A named event with an id and JSON data. */
    public static SseFrame event(String event, String id, String data) {
        return new SseFrame(event, id, data, null, null);
    }

    /** A comment-only frame: keeps the connection alive, dispatches nothing in the browser. */
    public static SseFrame heartbeat() {
        return new SseFrame(null, null, null, null, "heartbeat");
    }
}
