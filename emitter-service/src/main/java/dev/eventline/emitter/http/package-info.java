/**
 * The emit API over HTTP: {@code POST /v1/events} with one event or a batch, answered with receipts
 * (201), per-event statuses (207) or problem+json. Documented in {@code openapi/emitter.yaml}.
 */
package dev.eventline.emitter.http;
