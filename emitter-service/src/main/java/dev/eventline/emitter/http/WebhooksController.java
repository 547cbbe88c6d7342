package dev.eventline.emitter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.edge.tracing.RequestTracing;
import dev.eventline.emitter.auth.ProducerIdentity;
import dev.eventline.emitter.config.EmitterSettings;
import dev.eventline.emitter.ingest.Emitter;
import dev.eventline.emitter.ratelimit.Admission;
import dev.eventline.emitter.ratelimit.EmitLimits;
import dev.eventline.emitter.validation.EventValidator;
import dev.eventline.emitter.validation.ValidatedEvent;
import dev.eventline.emitter.webhook.ChangeMapper;
import dev.eventline.emitter.webhook.DatabaseChange;
import dev.eventline.emitter.webhook.Signatures;
import dev.eventline.emitter.webhook.WebhookSource;
import dev.eventline.emitter.webhook.WebhookSources;
import dev.eventline.problem.Problem;
import dev.eventline.problem.ProblemException;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.json.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/webhooks/{source}}: a database change in the common webhook shape becomes a catalog
 * event. No token: the source's HMAC signature ({@link Signatures#HEADER}) is the credential, 401
 * without a valid one; 404 for a source nobody declared; 400 for a body that is not a change; 422 for a
 * change the mapping cannot make an event of (an unmapped table, a row lacking a mapped column, a
 * payload its schema refuses). A written event is 201 with its receipt, a redelivery 201 with the
 * first receipt and {@code Idempotent-Replayed: true} (the event id is derived from the change).
 * Rate limits apply to the source as a producer named {@code webhook:<source>}.
 *
 * <p>Non-blocking: the answer completes on a Kafka callback thread.
 */
@Controller("/v1/webhooks")
@Secured(SecurityRule.IS_ANONYMOUS)
public final class WebhooksController {

    /** The header a sender may name its delivery with; a redelivery repeats it. */
    static final String DELIVERY_ID = "Webhook-Id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookSources sources;
    private final ChangeMapper mapper;
    private final EventValidator validator;
    private final Emitter emitter;
    private final EmitLimits limits;
    private final EmitterSettings settings;

    /** Wires the endpoint. */
    public WebhooksController(
            WebhookSources sources,
            EventSchemas schemas,
            Emitter emitter,
            EmitLimits limits,
            EmitterSettings settings) {
        this.sources = sources;
        this.mapper = new ChangeMapper(schemas);
        this.validator = new EventValidator(schemas);
        this.emitter = emitter;
        this.limits = limits;
        this.settings = settings;
    }

    /** Takes one change; see the class documentation for the answers. */
    @Post(value = "/{source}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public CompletionStage<MutableHttpResponse<?>> change(
            @PathVariable String source,
            @Body byte[] body,
            @Nullable @Header(Signatures.HEADER) String signature,
            @Nullable @Header(DELIVERY_ID) String deliveryId,
            HttpRequest<?> request) {
        WebhookSource declared = sources.source(source)
                .orElseThrow(() -> ProblemException.of(
                        404, "unknown-webhook-source", "Unknown webhook source", "no webhook source '" + source + "'"));
        if (!Signatures.verify(declared.secret(), body, signature)) {
            throw ProblemException.of(
                    401,
                    "invalid-signature",
                    "Invalid signature",
                    "the " + Signatures.HEADER + " header must be sha256=<hex HMAC-SHA256 of the body with the"
                            + " source's secret>");
        }
        DatabaseChange change = parse(body);
        ChangeMapper.Event mappedEvent = mapper.map(declared, change, deliveryId)
                .match(
                        event -> event,
                        unmapped -> {
                            throw ProblemException.of(422, "unmapped-table", "Unmapped table", unmapped.detail());
                        },
                        unusable -> {
                            throw ProblemException.of(422, "unusable-row", "Unusable row", unusable.detail());
                        });
        List<FieldError> errors = new ArrayList<>();
        ValidatedEvent event = validator
                .validate(mappedEvent.request(), "", errors)
                .orElseThrow(() -> new ProblemException(
                        new Problem(
                                Problem.type("unusable-row"),
                                "Unusable row",
                                422,
                                "the mapped event does not match its schema; check the table's field mapping",
                                null,
                                errors.stream()
                                        .map(e -> new Problem.InvalidField(e.pointer(), e.reason()))
                                        .toList()),
                        null));
        ProducerIdentity producer = new ProducerIdentity(
                "webhook:" + source, mappedEvent.tenant(), Set.copyOf(settings.getProducerRoles()));
        if (limits.admit(producer, List.of(event)) instanceof Admission.Limited limited) {
            return CompletableFuture.completedFuture(LimitProblems.of(limited));
        }
        return emitter.emit(producer, event, null, RequestTracing.context(request))
                .thenApply(outcome -> OutcomeProblems.answer(outcome, settings.getRetryAfter()));
    }

    private static DatabaseChange parse(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw ProblemException.of(400, "malformed-json", "Malformed JSON", "the body is not JSON");
        }
        List<String> problems = new ArrayList<>();
        DatabaseChange change = DatabaseChange.parse(json == null ? JSON.nullNode() : json, problems);
        if (change == null) {
            throw ProblemException.invalid(
                    "invalid-change",
                    "Not a database change",
                    "the body must be {type, table, schema, record, old_record}",
                    problems.stream()
                            .map(p -> new Problem.InvalidField(
                                    p.substring(0, p.indexOf(':')), p.substring(p.indexOf(':') + 2)))
                            .toList());
        }
        return change;
    }
}
