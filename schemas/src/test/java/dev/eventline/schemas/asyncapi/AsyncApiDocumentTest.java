package dev.eventline.schemas.asyncapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.EventTypeSpec;
import dev.eventline.schemas.catalog.TopicSpec;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AsyncApiDocumentTest {

    private final EventSchemas schemas = EventSchemas.load();
    private final ObjectNode document = AsyncApiDocument.build(schemas, "1.2.3");

    @Test
    void everyTopicIsAKafkaChannelWithItsPartitionsRetentionAndEventTypes() {
        for (TopicSpec topic : schemas.catalog().topics()) {
            JsonNode channel = document.at("/channels/" + topic.name());
            assertEquals(topic.name(), channel.get("address").asText());
            assertEquals(
                    topic.partitions(), channel.at("/bindings/kafka/partitions").asInt());
            assertEquals(
                    topic.retention().toMillis(),
                    channel.at("/bindings/kafka/topicConfiguration/retention.ms")
                            .asLong());
            assertEquals(topic.events().size(), channel.get("messages").size(), topic.name());
            for (EventTypeSpec type : topic.events()) {
                assertEquals(
                        "#/components/messages/kafka." + type.type(),
                        channel.at("/messages/" + type.type().replace("/", "~1") + "/$ref")
                                .asText());
            }
        }
    }

    @Test
    void aKafkaMessageCarriesTheAvroSchemaItsKeyAndEveryHeader() throws Exception {
        JsonNode message = document.at("/components/messages/kafka.file.progress");
        String payloadRef = message.at("/payload/$ref").asText();
        JsonNode avro = document.at(payloadRef.substring(1));

        assertEquals(AsyncApiDocument.AVRO_FORMAT, avro.get("schemaFormat").asText());
        Schema current = schemas.forEventType("file.progress").orElseThrow();
        assertEquals(current, new Schema.Parser().parse(new ObjectMapper().writeValueAsString(avro.get("schema"))));
        assertEquals("string", message.at("/bindings/kafka/key/type").asText());
        assertEquals(
                "file.progress", message.at("/headers/properties/ce_type/const").asText());
        assertEquals(
                "file.progress",
                message.at("/headers/properties/eventline-type/const").asText());
        assertTrue(message.at("/headers/required").toString().contains("ce_time"));
    }

    @Test
    void theStreamChannelCarriesEveryEventTypeAsJsonAndTheControlEvents() {
        JsonNode messages = document.at("/channels/stream/messages");
        assertEquals(schemas.catalog().eventTypes().size() + 5, messages.size());
        assertTrue(messages.has("connected") && messages.has("reset") && messages.has("shutdown"));
        assertEquals(
                "#/components/schemas/assignment.created",
                document.at("/components/messages/sse.assignment.created/payload/$ref")
                        .asText());
        assertEquals("/v1/stream", document.at("/channels/stream/address").asText());
    }

    @Test
    void theYamlReadsBackAsTheSameDocument() throws Exception {
        String yaml = AsyncApiDocument.yaml(document);

        assertTrue(yaml.startsWith("# Generated"));
        JsonNode readBack = new YAMLMapper().readTree(yaml);
        assertEquals(
                "1.0",
                readBack.at("/components/messages/kafka.file.progress/headers/properties/ce_specversion/const")
                        .asText());
        assertTrue(readBack.at("/components/messages/kafka.file.progress/headers/properties/ce_specversion/const")
                .isTextual());
        // As text: a long written as YAML reads back as an int node, equal in JSON.
        assertTrue(document.toString().equals(readBack.toString()), "the YAML reads back as the document");
        assertEquals("1.2.3", document.at("/info/version").asText());
    }
}
