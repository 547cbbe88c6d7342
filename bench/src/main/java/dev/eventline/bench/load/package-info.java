/**
 * Load on the emitter ({@link dev.eventline.bench.load.PostLoad}: fixed-rate POSTs over many
 * connections, each latency kept in schedule order) and readings of a server process's CPU and memory.
 * The subscriber side lives in testkit's {@code sse} package.
 */
package dev.eventline.bench.load;
