/**
 * How the project starts the child JVMs of the local stack, the tests and the benchmarks: which
 * {@code java}, and the flags every one of them gets.
 */
package dev.eventline.infra.jvm;
