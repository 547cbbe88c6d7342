/**
 * Subscriptions: one per SSE connection, each pulling its partitions by offset from the {@link
 * dev.eventline.stream.subscription.StreamLog} port, filtering by authorization and the client's
 * filters, and pushing frames only as fast as the connection takes them. Nothing here knows Kafka.
 */
package dev.eventline.stream.subscription;
