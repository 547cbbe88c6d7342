/**
 * Tracing with OpenTelemetry: the SDK both services build ({@link dev.eventline.edge.tracing.TracingFactory}),
 * W3C trace context in and out ({@link dev.eventline.edge.tracing.Tracing}) and a server span per API
 * request whose trace id problem+json answers carry ({@link dev.eventline.edge.tracing.RequestTracing}).
 * The emitter continues the request's trace into each event's Kafka headers; the stream service
 * continues it when it delivers the event.
 */
package dev.eventline.edge.tracing;
