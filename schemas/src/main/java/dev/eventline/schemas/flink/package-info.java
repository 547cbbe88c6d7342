/**
 * For data teams on Apache Flink's DataStream API: a {@code DeserializationSchema} that turns the
 * platform's record values (either wire format) into {@link dev.eventline.schemas.flink.FlinkEvent}
 * POJOs. Flink is a provided dependency: this package needs {@code flink-core} on the classpath, the
 * rest of the jar does not.
 */
package dev.eventline.schemas.flink;
