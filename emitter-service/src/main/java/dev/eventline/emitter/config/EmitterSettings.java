package dev.eventline.emitter.config;

import dev.eventline.schemas.codec.WireFormat;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The emitter's own settings, under {@code eventline.emitter}. Defaults are the named constants.
 *
 * <p>Mutable bean populated once by Micronaut at start-up; read-only afterwards.
 */
@ConfigurationProperties("eventline.emitter")
public class EmitterSettings {

    /** Events in one batch request; a larger batch is refused with 413 before anything is written. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 500;

    /** Events written but not yet acknowledged, over all requests; beyond it emits get 503. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 20_000;

    /** What 503 answers tell clients to wait before retrying. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);

    /** Roles that may emit into their own tenant. */
    public static final List<String> DEFAULT_PRODUCER_ROLES = List.of("producer");

    /** Roles that may emit into any tenant by naming it ({@code tenantId} in the event). */
    public static final List<String> DEFAULT_PLATFORM_ROLES = List.of("platform");

    /** The compacted topic that keeps idempotency keys across restarts and instances. */
    public static final String DEFAULT_IDEMPOTENCY_TOPIC = "eventline.emitter.idempotency";

    /** How long a retry with the same key returns the original receipt. */
    public static final Duration DEFAULT_IDEMPOTENCY_RETENTION = Duration.ofHours(24);

    /**
     * How long a claim on an idempotency key protects an attempt that has not finished: a retry meeting
     * a younger claim is told to come back; one meeting an older claim takes the key over. It must
     * exceed the producer's delivery timeout (15 s), after which an unacknowledged append can no longer
     * land; 5 s more for clock skew between instances.
     */
    public static final Duration DEFAULT_IDEMPOTENCY_SETTLE = Duration.ofSeconds(20);

    /**
     * Recently verified tokens kept so a producer reusing its token skips signature checks; 0 turns
     * the cache off.
     */
    public static final int DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;

    /**
     * The longest a verified token is answered from the cache (never past its own expiry): how long a
     * token stays accepted after its signing key is withdrawn.
     */
    public static final Duration DEFAULT_VERIFIED_TOKEN_MAX_AGE = Duration.ofSeconds(60);

    /**
     * How values name their schema (ADR 0013): {@code single-object} (Avro's single-object encoding,
     * readable with the schemas jar alone) or {@code confluent} (Confluent's framing, readable by stock
     * tools with the {@code /registry} API). Single-object stays the default so that readers of an
     * earlier schemas jar keep reading; readers of this one read both.
     */
    public static final String DEFAULT_WIRE_FORMAT = "single-object";

    private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private Duration retryAfter = DEFAULT_RETRY_AFTER;
    private List<String> producerRoles = DEFAULT_PRODUCER_ROLES;
    private List<String> platformRoles = DEFAULT_PLATFORM_ROLES;
    private String idempotencyTopic = DEFAULT_IDEMPOTENCY_TOPIC;
    private Duration idempotencyRetention = DEFAULT_IDEMPOTENCY_RETENTION;
    private Duration idempotencySettle = DEFAULT_IDEMPOTENCY_SETTLE;
    private String wireFormat = DEFAULT_WIRE_FORMAT;
    private String crashPoint = "none";
    private int crashPointAfter = 1;
    private int verifiedTokenCacheSize = DEFAULT_VERIFIED_TOKEN_CACHE_SIZE;
    private Duration verifiedTokenMaxAge = DEFAULT_VERIFIED_TOKEN_MAX_AGE;

    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    public List<String> getProducerRoles() {
        return producerRoles;
    }

    public void setProducerRoles(List<String> producerRoles) {
        this.producerRoles = List.copyOf(producerRoles);
    }

    public List<String> getPlatformRoles() {
        return platformRoles;
    }

    public void setPlatformRoles(List<String> platformRoles) {
        this.platformRoles = List.copyOf(platformRoles);
    }

    public String getIdempotencyTopic() {
        return idempotencyTopic;
    }

    public void setIdempotencyTopic(String idempotencyTopic) {
        this.idempotencyTopic = idempotencyTopic;
    }

    public Duration getIdempotencyRetention() {
        return idempotencyRetention;
    }

    public void setIdempotencyRetention(Duration idempotencyRetention) {
        this.idempotencyRetention = idempotencyRetention;
    }

    public Duration getIdempotencySettle() {
        return idempotencySettle;
    }

    public void setIdempotencySettle(Duration idempotencySettle) {
        this.idempotencySettle = idempotencySettle;
    }

    public String getWireFormat() {
        return wireFormat;
    }

    public void setWireFormat(String wireFormat) {
        this.wireFormat = wireFormat;
    }

    /** The configured wire format; throws naming the accepted values when it is neither. */
    public WireFormat wireFormat() {
        return switch (wireFormat.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "single-object" -> WireFormat.SINGLE_OBJECT;
            case "confluent" -> WireFormat.CONFLUENT;
            default ->
                throw new IllegalStateException(
                        "eventline.emitter.wire-format is '" + wireFormat + "'; it must be single-object or confluent");
        };
    }

    /** For fault tests only: where a keyed emit stops this process (CrashPoints); "none" in production. */
    public String getCrashPoint() {
        return crashPoint;
    }

    public void setCrashPoint(String crashPoint) {
        this.crashPoint = crashPoint;
    }

    /** For fault tests only: the how-manieth time the crash point stops the process. */
    public int getCrashPointAfter() {
        return crashPointAfter;
    }

    public void setCrashPointAfter(int crashPointAfter) {
        this.crashPointAfter = crashPointAfter;
    }

    public int getVerifiedTokenCacheSize() {
        return verifiedTokenCacheSize;
    }

    public void setVerifiedTokenCacheSize(int verifiedTokenCacheSize) {
        this.verifiedTokenCacheSize = verifiedTokenCacheSize;
    }

    public Duration getVerifiedTokenMaxAge() {
        return verifiedTokenMaxAge;
    }

    public void setVerifiedTokenMaxAge(Duration verifiedTokenMaxAge) {
        this.verifiedTokenMaxAge = verifiedTokenMaxAge;
    }
}
