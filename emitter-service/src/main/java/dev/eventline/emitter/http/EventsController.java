package dev.eventline.emitter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.eventline.edge.tracing.RequestTracing;
import dev.eventline.emitter.auth.ProducerIdentity;
import dev.eventline.emitter.auth.TenantPolicy;
import dev.eventline.emitter.config.EmitterSettings;
import dev.eventline.emitter.ingest.EmitOutcome;
import dev.eventline.emitter.ingest.Emitter;
import dev.eventline.emitter.ratelimit.Admission;
import dev.eventline.emitter.ratelimit.EmitLimits;
import dev.eventline.emitter.validation.EventValidator;
import dev.eventline.emitter.validation.ValidatedEvent;
import dev.eventline.problem.Problem;
import dev.eventline.problem.ProblemException;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.envelope.EnvelopeRules;
import dev.eventline.schemas.json.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/events}: one event (a JSON object) or a batch (a JSON array).
 *
 * <ul>
 *   <li>Single: 201 with the receipt; 4xx/5xx problem+json otherwise.
 *   <li>Batch: 201 when every event was written, 400 when none was valid, 207 with a status per event
 *       otherwise; invalid events never stop valid ones, which are written in request order.
 * </ul>
 *
 * <p>Answers only after Kafka acknowledged every event it reports as written. Non-blocking: the
 * response completes on a Kafka callback thread.
 */
@Controller("/v1/events")
@Secured(SecurityRule.IS_AUTHENTICATED)
public final class EventsController {

    /** Nesting an event needs is a handful of levels; deeper bodies are refused before conversion. */
    static final int MAX_NESTING_DEPTH = 64;

    /** Digits of one number: more than any long or double carries. */
    static final int MAX_NUMBER_LENGTH = 100;

    /** Field errors listed in one answer; the rest are counted in its detail. */
    static final int MAX_FIELD_ERRORS = 100;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // A second value after the event is a broken client, never something to drop silently.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Emitter emitter;
    private final EmitLimits limits;
    private final EventValidator validator;
    private final TenantPolicy tenants;
    private final EmitterSettings settings;

    /** Wires the endpoint. */
    public EventsController(
            Emitter emitter, EmitLimits limits, EventSchemas schemas, TenantPolicy tenants, EmitterSettings settings) {
        this.emitter = emitter;
        this.limits = limits;
        this.validator = new EventValidator(schemas);
        this.tenants = tenants;
        this.settings = settings;
    }

    /** Emits the event or batch in the body; see the class documentation for the answers. */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public CompletionStage<MutableHttpResponse<?>> emit(
            @Body String body,
            Authentication authentication,
            @Nullable @Header("Idempotency-Key") String idempotencyKey,
            HttpRequest<?> request) {
        if (request.getContentType().isEmpty()) {
            throw ProblemException.of(
                    415,
                    "unsupported-media-type",
                    "Unsupported Media Type",
                    "send the event as Content-Type: application/json");
        }
        ProducerIdentity producer = ProducerIdentity.of(authentication);
        if (!tenants.mayEmit(producer)) {
            throw ProblemException.of(
                    403,
                    "forbidden",
                    "Forbidden",
                    "the token has none of the roles " + settings.getProducerRoles() + " or "
                            + settings.getPlatformRoles() + " needed to emit");
        }
        String keyProblem = idempotencyKey == null ? null : EnvelopeRules.idProblem(idempotencyKey);
        if (keyProblem != null) {
            throw ProblemException.of(
                    400,
                    "invalid-idempotency-key",
                    "Invalid Idempotency-Key",
                    "the Idempotency-Key header " + keyProblem + " (at most " + EnvelopeRules.MAX_ID_LENGTH
                            + " characters)");
        }
        JsonNode json = parse(body);
        Context trace = RequestTracing.context(request);
        return json.isArray()
                ? batch(producer, json, idempotencyKey, trace)
                : single(producer, json, idempotencyKey, trace);
    }

    private CompletionStage<MutableHttpResponse<?>> single(
            ProducerIdentity producer, JsonNode json, String key, Context trace) {
        List<FieldError> errors = new ArrayList<>();
        ValidatedEvent event = validator
                .validate(json, "", errors)
                .orElseThrow(() -> invalid("the event does not match its schema", errors));
        if (limits.admit(producer, List.of(event)) instanceof Admission.Limited limited) {
            return CompletableFuture.completedFuture(LimitProblems.of(limited));
        }
        return emitter.emit(producer, event, key, trace)
                .thenApply(outcome -> OutcomeProblems.answer(outcome, settings.getRetryAfter()));
    }

    private CompletionStage<MutableHttpResponse<?>> batch(
            ProducerIdentity producer, JsonNode array, String key, Context trace) {
        if (array.isEmpty()) {
            throw ProblemException.of(400, "empty-batch", "Empty batch", "a batch needs at least one event");
        }
        if (array.size() > settings.getMaxBatchSize()) {
            throw ProblemException.of(
                    413,
                    "batch-too-large",
                    "Batch too large",
                    "a batch holds at most " + settings.getMaxBatchSize() + " events, this one has " + array.size());
        }
        List<Optional<ValidatedEvent>> events = new ArrayList<>(array.size());
        List<List<FieldError>> errorsByIndex = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            List<FieldError> errors = new ArrayList<>();
            events.add(validator.validate(array.get(i), "/" + i, errors));
            errorsByIndex.add(errors);
        }
        if (events.stream().noneMatch(Optional::isPresent)) {
            throw invalid(
                    "no event of the batch is valid",
                    errorsByIndex.stream().flatMap(List::stream).toList());
        }
        List<ValidatedEvent> valid = events.stream().flatMap(Optional::stream).toList();
        if (limits.admit(producer, valid) instanceof Admission.Limited limited) {
            return CompletableFuture.completedFuture(LimitProblems.of(limited));
        }
        // Emitted in request order: the log keeps that order per key.
        List<CompletableFuture<EmitOutcome>> outcomes = new ArrayList<>(array.size());
        for (int i = 0; i < events.size(); i++) {
            outcomes.add(
                    events.get(i).isPresent()
                            ? emitter.emit(producer, events.get(i).get(), key == null ? null : key + "/" + i, trace)
                                    .toCompletableFuture()
                            : CompletableFuture.completedFuture(new EmitOutcome.Rejected(
                                    EmitOutcome.Refusal.INVALID_EVENT,
                                    "the event does not match its schema",
                                    errorsByIndex.get(i))));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> batchResponse(outcomes));
    }

    private MutableHttpResponse<?> batchResponse(List<CompletableFuture<EmitOutcome>> outcomes) {
        List<ReceiptBody> results = new ArrayList<>(outcomes.size());
        int accepted = 0;
        int unavailable = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            int index = i;
            EmitOutcome outcome = outcomes.get(i).join();
            results.add(outcome.match(
                    a -> ReceiptBody.of(a, index), n -> ReceiptBody.failed(index, OutcomeProblems.of(n))));
            accepted += outcome instanceof EmitOutcome.Accepted ? 1 : 0;
            unavailable += outcome instanceof EmitOutcome.Unavailable ? 1 : 0;
        }
        if (unavailable == outcomes.size()) {
            // Every outcome is Unavailable: the batch as a whole is answered 503 with Retry-After.
            return OutcomeProblems.respond(
                    (EmitOutcome.Unavailable) outcomes.get(0).join(), settings.getRetryAfter());
        }
        HttpStatus status = accepted == outcomes.size() ? HttpStatus.CREATED : HttpStatus.MULTI_STATUS;
        return HttpResponse.status(status).body(new BatchBody(results));
    }

    private static ProblemException invalid(String detail, List<FieldError> errors) {
        String counted = errors.size() > MAX_FIELD_ERRORS
                ? detail + " (" + errors.size() + " errors, the first " + MAX_FIELD_ERRORS + " listed)"
                : detail;
        return ProblemException.invalid(
                "invalid-event",
                "The request is not a valid event",
                counted,
                errors.stream()
                        .limit(MAX_FIELD_ERRORS)
                        .map(e -> new Problem.InvalidField(e.pointer(), e.reason()))
                        .toList());
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode json = body == null ? null : JSON.readTree(body);
            if (json == null || !(json.isObject() || json.isArray())) {
                throw ProblemException.of(
                        400,
                        "invalid-json",
                        "Malformed JSON",
                        "the body must be one event (a JSON object) or a batch (a JSON array)");
            }
            return json;
        } catch (JsonProcessingException e) {
            // Limit violations (depth, number length) carry no location.
            JsonLocation at = e.getLocation();
            throw ProblemException.of(
                    400,
                    "invalid-json",
                    "Malformed JSON",
                    "the body is not valid JSON: " + e.getOriginalMessage()
                            + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
    }
}
