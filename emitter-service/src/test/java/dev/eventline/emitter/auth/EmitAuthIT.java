package dev.eventline.emitter.auth;

import static dev.eventline.emitter.EmitterHarness.assignment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.emitter.TopicReader;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import io.micronaut.security.token.validator.TokenValidator;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmitAuthIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private EmitterHarness emitter;
    private TestKafka kafka;

    @BeforeAll
    void start(TestKafka kafka) {
        this.kafka = kafka;
        this.emitter = new EmitterHarness(kafka, Map.of());
    }

    @AfterAll
    void stop() {
        emitter.close();
    }

    @Test
    void missingTokenIsChallengedWithoutErrorCode() {
        HttpResponse<String> response = emitter.post(assignment("x", "x"), null);
        assertEquals(401, response.statusCode());
        assertEquals(
                "Bearer realm=\"eventline\"",
                response.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void expiredForgedAndForeignAudienceTokensAreInvalidTokens() {
        String expired = emitter.tokens().mint("p", "tenant-a", List.of("producer"), Duration.ofMinutes(-5));
        String forged = new DevTokens(DevTokens.randomSecret()).mint("p", "tenant-a", List.of("producer"), TEN_MINUTES);
        String otherAudience = new DevTokens(secretOf(emitter), "eventline-dev", "someone-else", Clock.systemUTC())
                .mint("p", "tenant-a", List.of("producer"), TEN_MINUTES);
        for (String token : List.of(expired, forged, otherAudience, "not-a-jwt")) {
            HttpResponse<String> response = emitter.post(assignment("x", "x"), token);
            assertEquals(401, response.statusCode(), token);
            assertEquals(
                    "Bearer realm=\"eventline\", error=\"invalid_token\"",
                    response.headers().firstValue("WWW-Authenticate").orElse(""));
            assertFalse(response.body().contains(token), "the token must not be echoed");
        }
    }

    @Test
    void reusedTokenIsRefusedOnceItExpires() throws Exception {
        assertTrue(
                emitter.context().getBeansOfType(TokenValidator.class).stream().allMatch(TokenCaching::isCached),
                "every token validator sits behind the verified-token cache");
        String token = emitter.tokens().mint("p", "tenant-a", List.of("producer"), Duration.ofSeconds(2));
        assertEquals(201, emitter.post(assignment("r-1", "x"), token).statusCode());
        assertEquals(201, emitter.post(assignment("r-2", "x"), token).statusCode(), "second use, from the cache");

        // exp has whole seconds: past two seconds and the rounding, the token is expired.
        Thread.sleep(3_100);
        HttpResponse<String> expired = emitter.post(assignment("r-3", "x"), token);
        assertEquals(401, expired.statusCode(), "a verified token is not accepted past its exp");
    }

    @Test
    void roleWithoutEmitRightIsForbidden() throws Exception {
        String teacher = emitter.tokens().mint("t", "tenant-a", List.of("teacher"), TEN_MINUTES);
        HttpResponse<String> response = emitter.post(assignment("x", "x"), teacher);
        assertEquals(403, response.statusCode(), response.body());
        assertEquals(
                "urn:eventline:problem:forbidden",
                JSON.readTree(response.body()).get("type").asText());
    }

    @Test
    void producerCannotEmitIntoAnotherTenant() throws Exception {
        String body = assignment("x", "x").replace("\"recordId\"", "\"tenantId\": \"tenant-b\", \"recordId\"");
        HttpResponse<String> response = emitter.post(body, emitter.producerToken());
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(JSON.readTree(response.body()).get("detail").asText().contains("own tenant"));
    }

    @Test
    void platformServiceNamesTheTenant() throws Exception {
        String platform = emitter.tokens().mint("billing-worker", null, List.of("platform"), TEN_MINUTES);
        String body = assignment("p-1", "x").replace("\"recordId\"", "\"tenantId\": \"tenant-b\", \"recordId\"");
        HttpResponse<String> response = emitter.post(body, platform);
        assertEquals(201, response.statusCode(), response.body());
        var receipt = JSON.readTree(response.body());
        var record = TopicReader.readFrom(
                        kafka,
                        "assignments",
                        receipt.get("partition").asInt(),
                        receipt.get("offset").asLong())
                .get(0);
        assertEquals("tenant-b", record.key());
        GenericRecord envelope = (GenericRecord)
                new EventCodec(EventSchemas.load()).decode(record.value()).get("envelope");
        assertEquals("tenant-b", envelope.get("tenantId").toString());
        assertEquals("billing-worker", envelope.get("emittedBy").toString());

        HttpResponse<String> unnamed = emitter.post(assignment("p-2", "x"), platform);
        assertEquals(403, unnamed.statusCode(), unnamed.body());
    }

    @Test
    void tokensNeverAppearInLogsEvenAtDebug() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        String valid = emitter.producerToken();
        String expired = emitter.tokens().mint("p", "tenant-a", List.of("producer"), Duration.ofMinutes(-5));
        String forged = new DevTokens(DevTokens.randomSecret()).mint("p", "tenant-a", List.of("producer"), TEN_MINUTES);
        try {
            emitter.post(assignment("log-1", "x"), valid);
            emitter.post(assignment("log-2", "x"), expired);
            emitter.post(assignment("log-3", "x"), forged);
        } finally {
            root.setLevel(level);
            root.detachAppender(captured);
        }
        assertFalse(captured.list.isEmpty(), "debug logging was captured");
        for (ILoggingEvent event : captured.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                            ? ""
                            : event.getThrowableProxy().getMessage());
            for (String token : List.of(valid, expired, forged)) {
                String signature = token.substring(token.lastIndexOf('.') + 1);
                assertFalse(text.contains(signature), "a token leaked into the log: " + event.getLoggerName());
            }
        }
    }

    private static String secretOf(EmitterHarness harness) {
        return harness.context()
                .getProperty("micronaut.security.token.jwt.signatures.secret.dev.secret", String.class)
                .orElseThrow();
    }
}
