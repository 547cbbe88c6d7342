package dev.eventline.schemas.asyncapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** stream-service's SSE stream as an AsyncAPI channel, and its control events. Stateless. */
final class StreamChannel {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StreamChannel() {}

    /** The channel, with the given messages. */
    static ObjectNode channel(ObjectNode messages) {
        ObjectNode channel = NODES.objectNode()
                .put("address", "/v1/stream")
                .put("title", "The event stream")
                .put(
                        "description",
                        "GET /v1/stream?topics=... with a subscriber token (header, cookie or ticket): Server-Sent"
                                + " Events, each event's id: a cursor of Kafka offsets that resumes exactly"
                                + " (Last-Event-ID). The subscriber sees its tenant's events on topics its roles"
                                + " allow, addressed to everyone or to it. docs/stream.md has the rules.");
        channel.putArray("servers").add(AsyncApiDocument.ref("#/servers/stream"));
        channel.set("messages", messages);
        return channel;
    }

    /** The frames that are not events of the catalog, by their SSE event name. */
    static Map<String, ObjectNode> controlMessages() {
        Map<String, ObjectNode> messages = new LinkedHashMap<>();
        messages.put(
                "connected",
                control(
                        "connected",
                        "First frame of every stream",
                        object(
                                "subscriptionId",
                                string(),
                                "topics",
                                strings(),
                                "types",
                                strings(),
                                "cursor",
                                string(),
                                "retryMs",
                                integer(),
                                "heartbeatMs",
                                integer())));
        messages.put(
                "reset",
                control(
                        "reset",
                        "The cursor asked for is older than retention; the stream goes on from"
                                + " the earliest offset",
                        object("partition", string(), "requestedOffset", integer(), "earliestOffset", integer())));
        messages.put(
                "auth-expired",
                control(
                        "auth-expired",
                        "The token expired; the stream ends. Refresh it and" + " reconnect with the last id",
                        NODES.objectNode().put("type", "object")));
        messages.put(
                "dropped",
                control(
                        "dropped",
                        "The client took nothing for the stall timeout while events" + " waited; the stream ends",
                        object("resumeWith", string())));
        messages.put(
                "shutdown",
                control(
                        "shutdown",
                        "The instance is stopping; reconnect after retry: to another",
                        NODES.objectNode().put("type", "object")));
        return messages;
    }

    private static ObjectNode control(String name, String summary, ObjectNode payload) {
        ObjectNode message = NODES.objectNode()
                .put("name", name)
                .put("title", name)
                .put("summary", summary)
                .put("contentType", "application/json");
        message.set("payload", payload);
        return message;
    }

    private static ObjectNode object(Object... namesAndSchemas) {
        ObjectNode object = NODES.objectNode().put("type", "object");
        ObjectNode properties = object.putObject("properties");
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            properties.set((String) namesAndSchemas[i], (ObjectNode) namesAndSchemas[i + 1]);
        }
        return object;
    }

    private static ObjectNode string() {
        return NODES.objectNode().put("type", "string");
    }

    private static ObjectNode integer() {
        return NODES.objectNode().put("type", "integer");
    }

    private static ObjectNode strings() {
        ObjectNode array = NODES.objectNode().put("type", "array");
        array.putObject("items").put("type", "string");
        return array;
    }
}
