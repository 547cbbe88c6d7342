package dev.eventline.emitter.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.emitter.TopicReader;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.codec.SchemaIds;
import dev.eventline.schemas.codec.WireFormat;
import dev.eventline.schemas.registry.RemoteSchemaIds;
import dev.eventline.testkit.containers.DockerEngine;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * With an external registry, the emitter registers the catalog's schemas there and its records carry
 * that registry's ids: Apicurio's in-memory registry (its Confluent-compatible API), as a container.
 * Runs where a Docker engine answers and is skipped elsewhere (the project's machines have none; the
 * same client is checked against the emitter's own registry API by {@code RemoteSchemaIdsIT}).
 */
@ExtendWith(KafkaBrokerExtension.class)
class ExternalRegistryIT {

    /** Apicurio 2.x in memory: no storage to set up, Confluent's API under /apis/ccompat/v7. */
    private static final DockerImageName APICURIO = DockerImageName.parse("apicurio/apicurio-registry-mem:2.6.2.Final");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventSchemas SCHEMAS = EventSchemas.load();

    @Test
    void recordsCarryTheIdsTheEmitterRegisteredWithApicurio(TestKafka kafka) throws Exception {
        assumeTrue(DockerEngine.available(), "needs a Docker engine: Apicurio's registry runs as a container");
        try (GenericContainer<?> apicurio = new GenericContainer<>(APICURIO)
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects")
                        .forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(2)))) {
            apicurio.start();
            String url = "http://" + apicurio.getHost() + ":" + apicurio.getMappedPort(8080) + "/apis/ccompat/v7";
            try (EmitterHarness emitter = new EmitterHarness(
                    kafka,
                    Map.of(
                            "eventline.schema-registry.url", url,
                            "eventline.schema-registry.register", "true",
                            "eventline.emitter.wire-format", "confluent"))) {
                HttpResponse<String> written =
                        emitter.post(EmitterHarness.assignment("a-apicurio", "Registered"), emitter.producerToken());
                assertEquals(201, written.statusCode(), written.body());
                byte[] value = TopicReader.recordAt(kafka, written.body()).value();

                assertEquals(0, value[0], "Confluent's framing");
                int id = ByteBuffer.wrap(value, 1, 4).getInt();
                RemoteSchemaIds apicurioIds =
                        RemoteSchemaIds.connect(URI.create(url), SCHEMAS, RemoteSchemaIds.Mode.LOOKUP, null);
                Schema current = SCHEMAS.forEventType("assignment.created").orElseThrow();
                assertEquals(apicurioIds.idOf(current), id, "Apicurio's id");
                assertNotEquals(SchemaIds.derived(SCHEMAS).idOf(current), id, "not the derived one");
                GenericRecord event = new EventCodec(SCHEMAS, WireFormat.CONFLUENT, apicurioIds).decode(value);
                assertEquals("Registered", event.get("title").toString());
                // The emitter's own registry API mirrors the external ids.
                assertEquals(
                        current.toString(),
                        new Schema.Parser()
                                .parse(JSON.readTree(emitter.get("/registry/schemas/ids/" + id)
                                                .body())
                                        .get("schema")
                                        .asText())
                                .toString());
            }
        }
    }
}
