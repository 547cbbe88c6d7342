package dev.eventline.emitter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.eventline.emitter.ingest.EmitOutcome;
import dev.eventline.problem.Problem;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Where an event was written, or (in a batch) why not.
 *
 * @param index position in a batch request (absent for single events)
 * @param status the HTTP status of this event (in batches)
 * @param eventId the event's id
 * @param type the event type
 * @param topic the Kafka topic
 * @param partition the Kafka partition
 * @param offset the Kafka offset: with topic and partition an exact position a stream can start after
 * @param timestamp the Kafka record timestamp, ISO-8601
 * @param replayed true when an earlier request with the same idempotency key wrote the event
 * @param problem why this event of a batch was not written
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptBody(
        Integer index,
        Integer status,
        String eventId,
        String type,
        String topic,
        Integer partition,
        Long offset,
        String timestamp,
        Boolean replayed,
        Problem problem) {

    static ReceiptBody of(EmitOutcome.Accepted accepted, Integer index) {
        return new ReceiptBody(
                index,
                index == null ? null : 201,
                accepted.eventId().toString(),
                accepted.type(),
                accepted.receipt().topic(),
                accepted.receipt().partition(),
                accepted.receipt().offset(),
                accepted.receipt().timestamp().toString(),
                accepted.replayed() ? Boolean.TRUE : null,
                null);
    }

    static ReceiptBody failed(int index, Problem problem) {
        return new ReceiptBody(index, problem.status(), null, null, null, null, null, null, null, problem);
    }
}
