/**
 * Load tools: an SSE load generator that holds thousands of connections from one process and checks
 * every delivered event (order, completeness, latency), and readings of a server process's CPU and
 * memory. Used by the benchmarks; the generator knows nothing of which server it talks to beyond the
 * request it sends.
 */
package dev.eventline.infra.load;
