/** Benchmark harnesses: each runs the platform as users do and prints the figures it measured. */
package dev.eventline.bench;
