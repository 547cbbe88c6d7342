package dev.eventline.emitter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eventline.emitter.ingest.EventLogException;
import dev.eventline.emitter.ingest.Receipt;
import dev.eventline.schemas.codec.EventRecord;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaEventLogTest {

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final KafkaEventLog log = new KafkaEventLog(producer);
    private final EventRecord record = new EventRecord("t", "k", new byte[] {1}, Map.of("h", "v"));

    @Test
    void receiptComesOnlyWithTheAcknowledgement() throws Exception {
        CompletableFuture<Receipt> receipt = log.append(record).toCompletableFuture();
        assertEquals(false, receipt.isDone());
        producer.completeNext();
        assertEquals("t", receipt.get().topic());
        assertEquals(
                "v",
                new String(producer.history().get(0).headers().lastHeader("h").value()));
    }

    @Test
    void brokerTroubleIsRetryTooLargeIsRejectAndAuthorizationIsFatal() {
        assertEquals(EventLogException.Kind.RETRY, failWith(new NotEnoughReplicasException("isr")));
        assertEquals(EventLogException.Kind.REJECT, failWith(new RecordTooLargeException("big")));
        assertEquals(EventLogException.Kind.FATAL, failWith(new TopicAuthorizationException("no")));
    }

    private EventLogException.Kind failWith(RuntimeException error) {
        CompletableFuture<Receipt> receipt = log.append(record).toCompletableFuture();
        producer.errorNext(error);
        ExecutionException thrown = assertThrows(ExecutionException.class, receipt::get);
        return ((EventLogException) thrown.getCause()).kind();
    }
}
