package dev.eventline.emitter.ingest;

import dev.eventline.emitter.auth.ProducerIdentity;
import dev.eventline.emitter.idempotency.IdempotencyStore;
import dev.eventline.emitter.idempotency.KeyRecord;
import dev.eventline.emitter.idempotency.KeyState;
import dev.eventline.emitter.idempotency.StoredReceipt;
import dev.eventline.emitter.validation.ValidatedEvent;
import dev.eventline.schemas.codec.EventRecord;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits with an idempotency key, exactly once whatever instance a retry reaches and whenever the
 * attempt before it died (ADR 0006):
 *
 * <ol>
 *   <li>Concurrent requests of one key in this instance: the first writes, the others get its answer
 *       (a different event under the same key gets 409 at once).
 *   <li>A key that is done answers its receipt; one pending for an attempt younger than {@code
 *       settle} answers "in progress" (retry later); one pending for longer is taken over.
 *   <li>A free key is claimed in the idempotency log before the event is appended; only the claim the
 *       log orders first writes. The event's id is derived from the key and the request, so every
 *       attempt of one request appends the same event id.
 *   <li>A takeover first looks for the event in the log from the first claim on: found, it is the
 *       answer; absent, nothing else can append it any more, and the takeover writes it.
 * </ol>
 *
 * <p>{@code settle} must exceed the longest time an unacknowledged append can still land (the
 * producer's delivery timeout), so that a taken-over attempt can no longer write. Thread-safe.
 */
final class KeyedWrites {

    private static final Logger LOG = LoggerFactory.getLogger(KeyedWrites.class);

    private final IdempotencyStore keys;
    private final EventLog log;
    private final EventWriter writer;
    private final long settleMillis;
    private final Clock clock;
    private final CrashPoints crashPoints;
    private final Map<String, InFlight> running = new ConcurrentHashMap<>();

    private record InFlight(String fingerprint, CompletableFuture<EmitOutcome> outcome) {}

    private record Request(
            ProducerIdentity producer,
            ValidatedEvent event,
            String tenant,
            String key,
            String fingerprint,
            Context trace) {}

    KeyedWrites(
            IdempotencyStore keys,
            EventLog log,
            EventWriter writer,
            Duration settle,
            Clock clock,
            CrashPoints crashPoints) {
        this.crashPoints = crashPoints;
        this.keys = keys;
        this.log = log;
        this.writer = writer;
        this.settleMillis = settle.toMillis();
        this.clock = clock;
    }

    /** Emits {@code event} under the tenant-scoped key; never completes exceptionally. */
    CompletionStage<EmitOutcome> emit(
            ProducerIdentity producer, ValidatedEvent event, String tenant, String key, Context trace) {
        String fingerprint = event.fingerprint();
        InFlight mine = new InFlight(fingerprint, new CompletableFuture<>());
        InFlight earlier = running.putIfAbsent(key, mine);
        if (earlier != null) {
            return earlier.fingerprint().equals(fingerprint)
                    ? earlier.outcome().thenApply(KeyedWrites::asReplay)
                    : CompletableFuture.completedFuture(keyReused());
        }
        Request request = new Request(producer, event, tenant, key, fingerprint, trace);
        CompletionStage<EmitOutcome> outcome;
        try {
            outcome = resolve(request, keys.state(key));
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((done, error) -> {
            running.remove(key, mine);
            mine.outcome().complete(error == null ? done : unavailable(key, error));
        });
        return mine.outcome();
    }

    private CompletionStage<EmitOutcome> resolve(Request request, KeyState state) {
        if (state instanceof KeyState.Done done) {
            return CompletableFuture.completedFuture(replayOf(done.receipt(), request));
        }
        if (state instanceof KeyState.Pending pending) {
            if (!pending.claim().fingerprint().equals(request.fingerprint())) {
                return CompletableFuture.completedFuture(keyReused());
            }
            if (clock.millis() - pending.claimedAtMillis() < settleMillis) {
                return CompletableFuture.completedFuture(inProgress());
            }
            KeyRecord.Claimed takeover = pending.claim().takeOver(pending.offset());
            return keys.claim(request.key(), takeover)
                    .thenCompose(decision -> decision.won()
                            ? recover(request, takeover)
                            : CompletableFuture.completedFuture(afterLoss(request, decision.state())));
        }
        KeyRecord.Claimed claim = new KeyRecord.Claimed(
                eventIdOf(request),
                request.event().type(),
                request.fingerprint(),
                clock.millis(),
                KeyRecord.Claimed.FIRST);
        return keys.claim(request.key(), claim)
                .thenCompose(decision -> decision.won()
                        ? write(request, claim)
                        : CompletableFuture.completedFuture(afterLoss(request, decision.state())));
    }

    private CompletionStage<EmitOutcome> write(Request request, KeyRecord.Claimed claim) {
        crashPoints.reach(CrashPoints.Point.AFTER_CLAIM);
        return writer.append(request.producer(), request.event(), claim.eventId(), request.tenant(), request.trace())
                .thenApply(attempt -> {
                    if (attempt.outcome() instanceof EmitOutcome.Accepted accepted) {
                        crashPoints.reach(CrashPoints.Point.AFTER_EVENT_ACK);
                        keys.settle(
                                request.key(),
                                new KeyRecord.Done(new StoredReceipt(
                                        accepted.eventId(),
                                        accepted.type(),
                                        accepted.receipt(),
                                        request.fingerprint())));
                    } else if (!attempt.maybeWritten()) {
                        keys.settle(request.key(), new KeyRecord.Released(claim.eventId()));
                    }
                    // Otherwise the key stays pending: a retry after settle looks for the event first.
                    return attempt.outcome();
                });
    }

    /** Continues an attempt that died: its event may be in the log, appended after its first claim. */
    private CompletionStage<EmitOutcome> recover(Request request, KeyRecord.Claimed claim) {
        EventRecord record = writer.record(request.producer(), request.event(), claim.eventId(), request.tenant());
        return log.find(record, claim.eventId(), Instant.ofEpochMilli(claim.firstClaimedAtMillis()))
                .thenCompose(found -> {
                    if (found.isEmpty()) {
                        return write(request, claim);
                    }
                    StoredReceipt stored = new StoredReceipt(
                            claim.eventId(), request.event().type(), found.get(), request.fingerprint());
                    keys.settle(request.key(), new KeyRecord.Done(stored));
                    return CompletableFuture.completedFuture(replayOf(stored, request));
                });
    }

    private EmitOutcome afterLoss(Request request, KeyState state) {
        if (state instanceof KeyState.Done done) {
            return replayOf(done.receipt(), request);
        }
        if (state instanceof KeyState.Pending pending
                && !pending.claim().fingerprint().equals(request.fingerprint())) {
            return keyReused();
        }
        return inProgress();
    }

    /**
     * The event's id: the producer's own, else one derived from the key and the request, so that
     * every attempt of one request appends the same id, which a takeover can look for.
     */
    private static UUID eventIdOf(Request request) {
        UUID own = request.event().eventId();
        return own != null
                ? own
                : UUID.nameUUIDFromBytes(
                        (request.key() + '\n' + request.fingerprint()).getBytes(StandardCharsets.UTF_8));
    }

    private static EmitOutcome replayOf(StoredReceipt stored, Request request) {
        return stored.fingerprint().equals(request.fingerprint())
                ? new EmitOutcome.Accepted(stored.eventId(), stored.type(), stored.receipt(), true)
                : keyReused();
    }

    private static EmitOutcome asReplay(EmitOutcome outcome) {
        return outcome instanceof EmitOutcome.Accepted a
                ? new EmitOutcome.Accepted(a.eventId(), a.type(), a.receipt(), true)
                : outcome;
    }

    private static EmitOutcome keyReused() {
        return new EmitOutcome.Rejected(
                EmitOutcome.Refusal.KEY_REUSED, "this idempotency key was used for a different event", List.of());
    }

    private static EmitOutcome inProgress() {
        return new EmitOutcome.Unavailable(
                "in-progress", "an earlier request with this idempotency key is still being written");
    }

    private static EmitOutcome unavailable(String key, Throwable error) {
        LOG.warn("idempotency key {} could not be claimed: {}", key, error.toString());
        return new EmitOutcome.Unavailable("idempotency-unavailable", "the idempotency log did not answer in time");
    }
}
