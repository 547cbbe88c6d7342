/**
 * The Java producer client: {@link dev.eventline.client.EventlineProducer} emits events built with the
 * schemas jar's generated classes over the emit API, in batches, asynchronously, retrying with each
 * event's id as its idempotency key. {@link dev.eventline.client.EmitTransport} is its one port to HTTP.
 */
package dev.eventline.client;
