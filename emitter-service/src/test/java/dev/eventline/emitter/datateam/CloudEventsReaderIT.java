package dev.eventline.emitter.datateam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.emitter.TopicReader;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.codec.EventHeaders;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A data team's CloudEvents tooling reads the platform's records as CloudEvents in binary mode: the
 * CloudEvents Java SDK's own Kafka deserializer, nothing of the platform's but the codec for the data.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CloudEventsReaderIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSdksKafkaReaderSeesEveryAttributeOfAnEmittedEvent(TestKafka kafka) throws Exception {
        String event =
                """
                {"type": "assignment.updated", "recordId": "a-ce-1", "emittedAt": "2026-12-02T08:30:00.250Z",
                 "payload": {"title": "Ratios", "classId": "7b", "dueAt": null, "status": "PUBLISHED"}}""";
        JsonNode receipt;
        try (EmitterHarness emitter = new EmitterHarness(kafka, Map.of())) {
            HttpResponse<String> response = emitter.post(event, emitter.producerToken());
            assertEquals(201, response.statusCode(), response.body());
            receipt = JSON.readTree(response.body());
        }

        ConsumerRecord<String, CloudEvent> record = readAsCloudEvent(kafka, receipt);
        CloudEvent read = record.value();

        assertEquals(SpecVersion.V1, read.getSpecVersion());
        assertEquals(receipt.get("eventId").asText(), read.getId());
        assertEquals(URI.create("/tenants/" + EmitterHarness.TENANT + "/producers/producer-1"), read.getSource());
        assertEquals("assignment.updated", read.getType());
        assertEquals(OffsetDateTime.parse("2026-12-02T08:30:00.250Z"), read.getTime());
        assertEquals("a-ce-1", read.getSubject());
        assertEquals(EventHeaders.CONTENT_TYPE_AVRO, read.getDataContentType());
        assertNotNull(read.getData(), "the record's value is the event's data");

        GenericRecord decoded =
                new EventCodec(EventSchemas.load()).decode(read.getData().toBytes());
        assertEquals("Ratios", decoded.get("title").toString());
        assertEquals(
                read.getId(),
                ((GenericRecord) decoded.get("envelope")).get("eventId").toString());
        byte[] raw = TopicReader.recordAt(kafka, receipt.toString()).value();
        assertArrayEquals(raw, read.getData().toBytes(), "binary mode: the data is the value, untouched");
    }

    private static ConsumerRecord<String, CloudEvent> readAsCloudEvent(TestKafka kafka, JsonNode receipt) {
        TopicPartition partition = new TopicPartition(
                receipt.get("topic").asText(), receipt.get("partition").asInt());
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(),
                new CloudEventDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, receipt.get("offset").asLong());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    return record;
                }
            }
            throw new AssertionError("the event at " + partition + "@" + receipt.get("offset") + " never came");
        }
    }
}
