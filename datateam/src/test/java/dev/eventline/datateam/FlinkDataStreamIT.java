package dev.eventline.datateam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.codec.WireFormat;
import dev.eventline.schemas.flink.FlinkEvent;
import dev.eventline.schemas.flink.FlinkEventDeserializationSchema;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestEvents;
import dev.eventline.testkit.kafka.TestKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A data team's Flink job on the DataStream API reads the platform's topics with Flink's own Kafka
 * source and the schemas jar's deserialization schema, in a local MiniCluster against the real broker:
 * events of both wire formats, in order per key.
 */
@ExtendWith(KafkaBrokerExtension.class)
class FlinkDataStreamIT {

    @Test
    void aKafkaSourceWithTheDeserializationSchemaReadsEveryEventOfBothFormats(TestKafka kafka) throws Exception {
        CatalogTopics.ensure(kafka.bootstrapServers(), TopicCatalog.load(), (short) 1);
        String tenant = "flink-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestEvents before = new TestEvents(kafka, WireFormat.SINGLE_OBJECT);
                TestEvents after = new TestEvents(kafka, WireFormat.CONFLUENT)) {
            before.assignment(tenant, "a-1", "Fractions");
            after.assignment(tenant, "a-1", "Fractions, revised");
            before.file(tenant, "f-1", List.of("user:u-1"));
            after.deleted("assignment.deleted", tenant, "a-1");
        }

        KafkaSource<FlinkEvent> source = KafkaSource.<FlinkEvent>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics("assignments", "files")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setValueOnlyDeserializer(new FlinkEventDeserializationSchema())
                .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        DataStream<FlinkEvent> events = env.fromSource(source, WatermarkStrategy.noWatermarks(), "eventline")
                .filter(event -> event.tenantId.equals(tenant));

        List<FlinkEvent> read = new ArrayList<>();
        try (CloseableIterator<FlinkEvent> results = events.executeAndCollect("read the topics")) {
            results.forEachRemaining(read::add);
        }

        assertEquals(4, read.size(), read.toString());
        List<FlinkEvent> assignments =
                read.stream().filter(event -> event.topic.equals("assignments")).toList();
        assertEquals(
                List.of("assignment.created", "assignment.created", "assignment.deleted"),
                assignments.stream().map(event -> event.type).toList(),
                "one key's events in order, whichever format wrote them");
        assertTrue(assignments.get(0).payloadJson.contains("\"title\":\"Fractions\""), assignments.toString());
        assertTrue(assignments.get(1).payloadJson.contains("Fractions, revised"), assignments.toString());
        FlinkEvent file = read.stream()
                .filter(event -> event.type.equals("file.progress"))
                .findFirst()
                .orElseThrow();
        assertEquals("files", file.topic);
        assertEquals("f-1", file.recordId);
        assertTrue(read.stream().allMatch(event -> event.emittedAt > 0 && event.schemaVersion > 0));
        assertEquals(4, read.stream().map(event -> event.eventId).distinct().count());
    }
}
