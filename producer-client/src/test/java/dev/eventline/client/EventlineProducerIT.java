package dev.eventline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.assignment.AssignmentChanged;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.schemas.notification.NotificationCreated;
import dev.eventline.schemas.notification.NotificationKind;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.ServiceTestProperties;
import dev.eventline.testkit.kafka.TestKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The producer client against the real emitter-service on a real broker: typed events arrive in
 * Kafka as built; a producer over its rate limit waits as told and still writes every event once;
 * resending an event is answered with its first receipt; a refused event fails alone.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventlineProducerIT {

    private static final EventCodec CODEC = new EventCodec(EventSchemas.load());

    private TestKafka kafka;
    private EmbeddedServer emitter;
    private DevTokens tokens;

    @BeforeAll
    void start(TestKafka kafka) {
        this.kafka = kafka;
        CatalogTopics.ensure(kafka.bootstrapServers(), TopicCatalog.load(), (short) 1);
        String secret = DevTokens.randomSecret();
        tokens = new DevTokens(secret);
        // One producer gets a small limit, so that the client meets 429s; everyone else the defaults.
        emitter = ApplicationContext.run(
                EmbeddedServer.class,
                ServiceTestProperties.against(
                        kafka, secret, Map.of("eventline.emitter.rate-limits.producers.slow", "50:10")));
    }

    @AfterAll
    void stop() {
        emitter.close();
    }

    @Test
    void typedEventsArriveInKafkaAsTheyWereBuilt() throws Exception {
        try (EventlineProducer producer = producer("lms", "t-typed", ProducerSettings.defaults())) {
            AssignmentChanged event = EventlineProducerTest.assignment(1);
            EmitReceipt receipt = producer.emit(event).get();

            assertEquals(event.getEnvelope().getEventId(), receipt.eventId());
            GenericRecord written = CODEC.decode(read(receipt).value());
            GenericRecord envelope = (GenericRecord) written.get("envelope");
            assertEquals(
                    event.getEnvelope().getEventId().toString(),
                    envelope.get("eventId").toString());
            assertEquals("t-typed", envelope.get("tenantId").toString(), "the tenant comes from the token");
            assertEquals("Fractions 1", written.get("title").toString());
            assertEquals(event.getDueAt().toEpochMilli(), written.get("dueAt"));
        }
    }

    @Test
    void aProducerOverItsLimitWaitsAsToldAndWritesEveryEventOnce() throws Exception {
        int count = 60;
        List<CompletableFuture<EmitReceipt>> receipts = new ArrayList<>();
        EventlineProducer.Stats stats;
        try (EventlineProducer producer =
                producer("slow", "t-limited", ProducerSettings.defaults().withMaxBatch(20))) {
            for (int i = 0; i < count; i++) {
                receipts.add(producer.emit(EventlineProducerTest.assignment(i)));
            }
            producer.flush();
            stats = producer.stats();
        }
        Set<String> positions = new HashSet<>();
        for (CompletableFuture<EmitReceipt> receipt : receipts) {
            EmitReceipt written = receipt.get();
            assertFalse(written.replayed());
            positions.add(written.partition() + "@" + written.offset());
        }
        assertEquals(count, positions.size(), "every event written, each once");
        assertTrue(stats.retries() > 0, "the limit (burst 10, 50/s) was met: " + stats);
        assertEquals(count, stats.written());
    }

    @Test
    void resendingAnEventIsAnsweredWithItsFirstReceipt() throws Exception {
        try (EventlineProducer producer = producer("lms", "t-resend", ProducerSettings.defaults())) {
            AssignmentChanged event = EventlineProducerTest.assignment(7);
            EmitReceipt first = producer.emit(event).get();
            EmitReceipt again = producer.emit(event).get();

            assertTrue(again.replayed());
            assertEquals(first.offset(), again.offset());
            assertEquals(first.partition(), again.partition());
        }
    }

    @Test
    void anEventTheEmitterRefusesFailsAloneWithItsProblem() throws Exception {
        try (EventlineProducer producer =
                producer("lms", "t-refused", ProducerSettings.defaults().withLinger(Duration.ofMillis(500)))) {
            // Notifications are addressed by audience: one without is refused, the other written.
            NotificationCreated unaddressed = NotificationCreated.newBuilder()
                    .setEnvelope(Drafts.envelope("notification.created", "n-1"))
                    .setKind(NotificationKind.INFO)
                    .setTitle("Trip")
                    .setMessage("Bring a coat")
                    .setActionUrl(null)
                    .setGroupKey(null)
                    .build();
            NotificationCreated addressed = NotificationCreated.newBuilder(unaddressed)
                    .setEnvelope(Drafts.envelope("notification.created", "n-2", List.of("group:class:7b")))
                    .build();
            CompletableFuture<EmitReceipt> refused = producer.emit(unaddressed);
            CompletableFuture<EmitReceipt> written = producer.emit(addressed);

            assertEquals("notifications", written.get().topic());
            ExecutionException e = assertThrows(ExecutionException.class, refused::get);
            EmitException problem = assertInstanceOf(EmitException.class, e.getCause());
            assertTrue(
                    problem.status() >= 400 && problem.status() < 500, problem.status() + " " + problem.getMessage());
            assertTrue(problem.getMessage().contains("audience"), problem.getMessage());
        }
    }

    private EventlineProducer producer(String subject, String tenant, ProducerSettings settings) {
        String token = tokens.mint(subject, tenant, List.of("producer"), Duration.ofMinutes(10));
        return EventlineProducer.create(URI.create(emitter.getURL().toString()), () -> token, settings);
    }

    private ConsumerRecord<String, byte[]> read(EmitReceipt receipt) {
        TopicPartition tp = new TopicPartition(receipt.topic(), receipt.partition());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, receipt.offset());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return record;
                }
            }
            throw new AssertionError("nothing at " + receipt);
        }
    }
}
