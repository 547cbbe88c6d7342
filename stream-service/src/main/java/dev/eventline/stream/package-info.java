/**
 * stream-service: Server-Sent Events out of Kafka. Each subscriber's position is a set of Kafka
 * offsets carried in the SSE event ids, so a reconnect resumes exactly where the browser stopped.
 */
package dev.eventline.stream;
