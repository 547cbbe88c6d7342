package dev.eventline.stream.http;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;

/**
 * The request parameters of {@code GET /v1/stream}, bound by the framework ({@code @RequestBean}); any
 * may be missing.
 *
 * @param topics comma-separated topic names
 * @param types comma-separated event types or prefixes
 * @param record one record id
 * @param scope comma-separated {@code group:<name>} entries
 * @param lastEventIdParam {@code last_event_id}: the resume cursor for clients that cannot set headers
 * @param lastEventIdHeader {@code Last-Event-ID}: the resume cursor a reconnecting EventSource sends;
 *     wins over the parameter
 * @param since where to start by time
 * @param heartbeat {@code event} for heartbeats as events instead of comments
 * @param conflate {@code none} for every event of conflated types (the catalog's windows otherwise)
 */
@Introspected
record StreamQuery(
        @Nullable @QueryValue String topics,
        @Nullable @QueryValue String types,
        @Nullable @QueryValue String record,
        @Nullable @QueryValue String scope,
        @Nullable @QueryValue("last_event_id") String lastEventIdParam,
        @Nullable @Header("Last-Event-ID") String lastEventIdHeader,
        @Nullable @QueryValue String since,
        @Nullable @QueryValue String heartbeat,
        @Nullable @QueryValue String conflate) {

    /** The read these parameters ask for. */
    ReadParameters read() {
        return new ReadParameters(
                topics, types, record, scope, lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam, since);
    }
}
