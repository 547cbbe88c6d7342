package dev.eventline.emitter.kafka;

import dev.eventline.emitter.ingest.EventLogException;
import dev.eventline.emitter.ingest.EventLogException.Kind;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Sorts producer exceptions into what the caller should do: retry later (the broker is down or slow),
 * reject the record (it can never be written), or fatal (the client is misconfigured or broken, and
 * an operator must act). Unknown exceptions count as fatal: better a loud 500 than a silent retry.
 */
final class KafkaErrors {

    private KafkaErrors() {}

    static EventLogException classify(Throwable error) {
        if (error instanceof EventLogException classified) {
            return classified;
        }
        if (error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException) {
            return new EventLogException(Kind.REJECT, "the event is larger than Kafka accepts", error);
        }
        if (error instanceof AuthenticationException
                || error instanceof AuthorizationException
                || error instanceof ProducerFencedException
                || error instanceof OutOfOrderSequenceException
                || error instanceof UnsupportedVersionException
                || error instanceof SerializationException
                || error instanceof InvalidTopicException) {
            return new EventLogException(Kind.FATAL, "the Kafka producer cannot write: " + error, error);
        }
        if (error instanceof RetriableException
                || error instanceof TimeoutException
                || error instanceof InterruptException) {
            return new EventLogException(Kind.RETRY, "Kafka is unavailable: " + error.getMessage(), error);
        }
        return new EventLogException(Kind.FATAL, "unexpected Kafka producer failure: " + error, error);
    }
}
