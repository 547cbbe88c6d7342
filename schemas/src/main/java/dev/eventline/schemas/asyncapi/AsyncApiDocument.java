package dev.eventline.schemas.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.EventTypeSpec;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.schemas.jsonschema.EventJsonSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;

/**
 * Builds the AsyncAPI 3.1 document: a Kafka channel per catalog topic (address, partitions,
 * retention, key, every header, the Avro payload of each event type, the registry binding) and the
 * SSE channel of stream-service (each event type's JSON, and the control events). The platform is
 * the application described: it sends to the topics (the emitter) and to the stream.
 *
 * <p>Stateless; {@link #build} makes a fresh tree.
 */
public final class AsyncApiDocument {

    /** Avro schemas embedded as AsyncAPI's multi-format schema objects. */
    static final String AVRO_FORMAT = "application/vnd.apache.avro+json;version=1.9.0";

    /** The Kafka bindings' version these fields follow. */
    static final String KAFKA_BINDING = "0.5.0";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SCHEMAS = "#/components/schemas/";

    private AsyncApiDocument() {}

    /** The document for {@code schemas}' catalog, titled with {@code version}. */
    public static ObjectNode build(EventSchemas schemas, String version) {
        ObjectNode document = NODES.objectNode().put("asyncapi", "3.1.0");
        ObjectNode info = document.putObject("info")
                .put("title", "Eventline")
                .put("version", version)
                .put(
                        "description",
                        "Domain events on Kafka topics (one per domain, Avro values, CloudEvents headers) and the"
                                + " same events live over Server-Sent Events. Producers emit over HTTP"
                                + " (openapi/emitter.yaml); data teams read the topics; browsers follow"
                                + " /v1/stream.");
        info.putObject("license").put("name", "Apache-2.0").put("url", "https://www.apache.org/licenses/LICENSE-2.0");
        document.put("defaultContentType", "application/json");
        servers(document.putObject("servers"));
        ObjectNode channels = document.putObject("channels");
        ObjectNode operations = document.putObject("operations");
        ObjectNode components = document.putObject("components");
        ObjectNode componentSchemas = components.putObject("schemas");
        ObjectNode messages = components.putObject("messages");

        EventJsonSchemas.named(schemas, SCHEMAS).forEach(componentSchemas::set);
        for (Schema record : schemas.currentSchemas()) {
            componentSchemas.set(avroKey(record), avro(record));
        }
        ArrayNode streamed = NODES.arrayNode();
        ObjectNode streamMessages = NODES.objectNode();
        for (TopicSpec topic : schemas.catalog().topics()) {
            ObjectNode channel = KafkaChannels.channel(topic);
            ArrayNode sent = operations
                    .putObject("write." + topic.name())
                    .put("action", "send")
                    .put("summary", "The emitter writes " + topic.name() + " events, in order per key")
                    .set("channel", ref("#/channels/" + topic.name()))
                    .withArray("messages");
            for (EventTypeSpec type : topic.events()) {
                Schema record = schemas.current(type.schema()).orElseThrow();
                messages.set("kafka." + type.type(), KafkaChannels.message(topic, type, SCHEMAS + avroKey(record)));
                messages.set("sse." + type.type(), sseEvent(type.type()));
                channel.with("messages").set(type.type(), ref("#/components/messages/kafka." + type.type()));
                sent.add(ref("#/channels/" + topic.name() + "/messages/" + type.type()));
                streamMessages.set(type.type(), ref("#/components/messages/sse." + type.type()));
                streamed.add(ref("#/channels/stream/messages/" + type.type()));
            }
            channels.set(topic.name(), channel);
        }
        StreamChannel.controlMessages().forEach((name, message) -> {
            messages.set("sse." + name, message);
            streamMessages.set(name, ref("#/components/messages/sse." + name));
            streamed.add(ref("#/channels/stream/messages/" + name));
        });
        channels.set("stream", StreamChannel.channel(streamMessages));
        operations
                .putObject("stream")
                .put("action", "send")
                .put("summary", "stream-service sends each subscriber the events it may see, then live ones")
                .set("channel", ref("#/channels/stream"));
        ((ObjectNode) operations.get("stream")).set("messages", streamed);
        return document;
    }

    /** Writes the document as YAML: {@code args[0]} the file, {@code args[1]} the version. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.getParent());
        Files.writeString(out, yaml(build(EventSchemas.load(), args[1])));
    }

    /** The YAML text of a document. */
    public static String yaml(JsonNode document) {
        try {
            ObjectMapper yaml = new YAMLMapper()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    // Else a string such as the CloudEvents version "1.0" reads back as a number.
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS);
            return "# Generated from the topic catalog and the Avro schemas (AsyncApiDocument); do not edit.\n"
                    + yaml.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode ref(String target) {
        return NODES.objectNode().put("$ref", target);
    }

    private static void servers(ObjectNode servers) {
        ObjectNode kafka = servers.putObject("kafka")
                .put("host", "{bootstrap}")
                .put("protocol", "kafka")
                .put(
                        "description",
                        "The Kafka cluster. Values are Avro in single-object encoding or, with"
                                + " eventline.emitter.wire-format=confluent, in Confluent's framing with the ids the"
                                + " emitter's /registry serves.");
        kafka.putObject("variables")
                .putObject("bootstrap")
                .put("default", "127.0.0.1:9092")
                .put("description", "A bootstrap server");
        kafka.putObject("bindings")
                .putObject("kafka")
                .put("schemaRegistryUrl", "http://127.0.0.1:8080/registry")
                .put("schemaRegistryVendor", "confluent")
                .put("bindingVersion", KAFKA_BINDING);
        ObjectNode stream = servers.putObject("stream")
                .put("host", "{host}")
                .put("protocol", "http")
                .put("description", "stream-service: Server-Sent Events over HTTP/1.1 or HTTP/2");
        stream.putObject("variables")
                .putObject("host")
                .put("default", "127.0.0.1:8090")
                .put("description", "Host and port of stream-service");
    }

    private static ObjectNode avro(Schema record) {
        try {
            return NODES.objectNode()
                    .put("schemaFormat", AVRO_FORMAT)
                    .set("schema", new ObjectMapper().readTree(record.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String avroKey(Schema record) {
        return "avro." + record.getName();
    }

    private static ObjectNode sseEvent(String type) {
        ObjectNode message = NODES.objectNode()
                .put("name", type)
                .put("title", type)
                .put("summary", "An SSE frame 'event: " + type + "'; its id: is the cursor after it")
                .put("contentType", "application/json");
        message.set("payload", ref(SCHEMAS + type));
        return message;
    }
}
