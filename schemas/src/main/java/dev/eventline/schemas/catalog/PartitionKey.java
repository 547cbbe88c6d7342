package dev.eventline.schemas.catalog;

/**
 * What an event's Kafka key (and so its partition) is derived from.
 *
 * <p>{@link #TENANT} is the default: one tenant's events of a topic keep their order and live on one
 * partition, so a subscriber scoped to a tenant reads exactly one partition per topic.
 */
public enum PartitionKey {
    /** The tenant id: per-tenant order, one partition per tenant and topic. */
    TENANT,
    /** The record id: per-record order only, spreads a large tenant over all partitions. */
    RECORD;

    /** Parses the catalog spelling ({@code tenant}, {@code record}). */
    static PartitionKey parse(String value) {
        return switch (value) {
            case "tenant" -> TENANT;
            case "record" -> RECORD;
            default ->
                throw new IllegalArgumentException("partitionKey must be 'tenant' or 'record', was '" + value + "'");
        };
    }
}
