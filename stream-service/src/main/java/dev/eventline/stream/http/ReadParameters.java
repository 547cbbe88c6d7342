package dev.eventline.stream.http;

/**
 * The query of a read, as the client sent it (any may be null), before {@link SubscriptionRequest}
 * checks it: the stream, the JSON pages and the snapshot take the same parameters.
 *
 * @param topics comma-separated topic names
 * @param types comma-separated event types or prefixes
 * @param record one record id
 * @param scope comma-separated {@code group:<name>} entries the read narrows to
 * @param position where to start: a cursor ({@code Last-Event-ID}, {@code last_event_id}, {@code
 *     after}) or {@code earliest}
 * @param since where to start by time: ISO-8601 or epoch milliseconds
 */
record ReadParameters(String topics, String types, String record, String scope, String position, String since) {

    /** A read that starts nowhere in particular (a snapshot: now). */
    static ReadParameters current(String topics, String types, String record, String scope) {
        return new ReadParameters(topics, types, record, scope, null, null);
    }
}
