/**
 * A read-only, Confluent-compatible Schema Registry API over the catalog's schemas, under {@code
 * /registry}: data teams point Flink, ksqlDB, Kafka Connect, Trino or Confluent's clients at it when
 * topics are written in Confluent's framing (ADR 0013). The registry's content is the schemas module's
 * {@link dev.eventline.schemas.registry.CatalogRegistry}; this package only speaks its HTTP dialect.
 */
package dev.eventline.emitter.registry;
