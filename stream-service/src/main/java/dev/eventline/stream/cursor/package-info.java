/**
 * The stream cursor: the position of a subscription in every topic-partition it reads, carried in
 * each SSE event's {@code id:} and sent back by reconnecting clients. One value type, one codec, with
 * its rules in {@link dev.eventline.stream.cursor.CursorCodec} and ADR 0003.
 */
package dev.eventline.stream.cursor;
