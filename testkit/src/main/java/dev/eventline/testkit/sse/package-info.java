/**
 * Server-Sent Events subscribers for tests and benchmarks: {@link dev.eventline.testkit.sse.SseClient}
 * (one stream, read as a browser would), and {@link dev.eventline.testkit.sse.SseLoad} and {@link
 * dev.eventline.testkit.sse.H2SseLoad} (thousands of streams from one process, over HTTP/1.1 or
 * multiplexed on HTTP/2, each checked for order, gaps, duplicates and latency).
 */
package dev.eventline.testkit.sse;
