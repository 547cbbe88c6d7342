/**
 * The topic catalog: for every event type its topic, partition key, partition count, retention and
 * the roles that may subscribe. One source of truth for topic creation, the emitter and the stream
 * service; adding a domain is a catalog entry plus a schema.
 */
package dev.eventline.schemas.catalog;
