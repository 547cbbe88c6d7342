/**
 * Snapshots: the current state of a tenant's records (latest state event per record and the marks
 * beside it, as {@code catalog.RecordFold} decides; deletes removed) with
 * the exact cursor it reflects, so a page shows state first and then follows the stream from that
 * cursor with no gap and no duplicate. The state lives in Kafka Streams ({@code snapshot.kafka}); this
 * package holds the port ({@link dev.eventline.stream.snapshot.SnapshotStore}) and the rule that turns
 * a store scan into an exact snapshot ({@link dev.eventline.stream.snapshot.Snapshots}).
 */
package dev.eventline.stream.snapshot;
