/**
 * The platform's topics with plain kafka-clients: a {@code Deserializer} for event values and a
 * runnable example for data teams, and the catalog's topics created on a cluster ({@code
 * CreateTopics}). kafka-clients is a {@code provided} dependency of this jar:
 * readers bring their own client version.
 */
package dev.eventline.schemas.kafka;
