package dev.eventline.stream.http;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;

/**
 * The request parameters of {@code GET /v1/events}, bound by the framework ({@code @RequestBean}); any
 * may be missing.
 *
 * @param topics comma-separated topic names
 * @param types comma-separated event types or prefixes
 * @param record one record id
 * @param scope comma-separated {@code group:<name>} entries
 * @param after the cursor of the page before ({@code earliest} for the oldest retained events)
 * @param since where to start by time
 * @param limit events per page
 */
@Introspected
record ReplayQuery(
        @Nullable @QueryValue String topics,
        @Nullable @QueryValue String types,
        @Nullable @QueryValue String record,
        @Nullable @QueryValue String scope,
        @Nullable @QueryValue String after,
        @Nullable @QueryValue String since,
        @Nullable @QueryValue Integer limit) {

    /** The read these parameters ask for. */
    ReadParameters read() {
        return new ReadParameters(topics, types, record, scope, after, since);
    }
}
