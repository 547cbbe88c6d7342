package dev.eventline.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.EventSchemas;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * Emits events to Eventline: {@link #emit} queues an event of the schemas jar's generated classes and
 * returns at once; one sender thread sends the queue in batches ({@code POST /v1/events} with a JSON
 * array, up to {@link ProducerSettings#maxBatch()} events, waiting {@link ProducerSettings#linger()}
 * for a batch to fill) and completes each event's future with its receipt once Kafka holds it.
 *
 * <p>Retries: every event carries its own id (see {@link Drafts}), which the emitter treats as its
 * idempotency key, so resending is always safe: a batch that got no answer, a 429 or 5xx, and each
 * event a 207 answered 5xx are sent again, after the emitter's Retry-After or an exponential backoff
 * with full jitter, up to {@link ProducerSettings#maxAttempts()} requests per event. Events waiting
 * for a retry go before newer ones. 4xx answers fail their events at once ({@link EmitException}).
 *
 * <p>Thread-safe. {@link #emit} never blocks; {@link #flush} and {@link #close} block until every
 * queued event is settled.
 */
public final class EventlineProducer implements AutoCloseable {

    /** An event waiting to be written, and how many requests it has been part of. */
    private static final class Pending {
        final UUID eventId;
        final ObjectNode request;
        final CompletableFuture<EmitReceipt> result = new CompletableFuture<>();
        int attempts;

        Pending(UUID eventId, ObjectNode request) {
            this.eventId = eventId;
            this.request = request;
        }
    }

    /**
     * What the producer has done so far.
     *
     * @param requests requests sent
     * @param retries events sent again
     * @param written events written (replays included)
     * @param failed events that failed for good
     */
    public record Stats(long requests, long retries, long written, long failed) {}

    private final EmitTransport transport;
    private final ProducerSettings settings;
    private final EmitRequests requests = new EmitRequests(EventSchemas.load());
    private final BlockingQueue<Pending> queue;
    private final Deque<Pending> retrying = new ArrayDeque<>();
    private final Thread sender;
    private final Object settled = new Object();
    private final AtomicLong unsettled = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean open = true;
    /** Events per request: the settings' batch, or less once a rate limit said it allows fewer at once. */
    private int batchLimit;

    /** A producer sending through {@code transport}. */
    public EventlineProducer(EmitTransport transport, ProducerSettings settings) {
        this.transport = transport;
        this.settings = settings;
        this.queue = new LinkedBlockingQueue<>(settings.queueCapacity());
        this.batchLimit = settings.maxBatch();
        this.sender = new Thread(this::run, "eventline-producer");
        sender.setDaemon(true);
        sender.start();
    }

    /** A producer for the emitter at {@code emitter}, authenticating with {@code token}'s current value. */
    public static EventlineProducer create(URI emitter, Supplier<String> token, ProducerSettings settings) {
        return new EventlineProducer(new HttpEmitTransport(emitter, token, settings.requestTimeout()), settings);
    }

    /**
     * Queues {@code event} (a generated class's instance with its envelope from {@link Drafts}). The
     * future completes with the receipt, or exceptionally with an {@link EmitException}; an event the
     * catalog does not know fails at once with {@link IllegalArgumentException}.
     */
    public CompletableFuture<EmitReceipt> emit(SpecificRecord event) {
        if (!open) {
            return CompletableFuture.failedFuture(new IllegalStateException("the producer is closed"));
        }
        ObjectNode request;
        try {
            request = requests.request(event);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Pending pending = new Pending(UUID.fromString(request.get("eventId").asText()), request);
        unsettled.incrementAndGet();
        if (!queue.offer(pending)) {
            settle(pending, null, new EmitException(0, null, "the producer's queue is full"));
        }
        return pending.result;
    }

    /** Blocks until every event queued so far is written or failed. */
    public void flush() throws InterruptedException {
        synchronized (settled) {
            while (unsettled.get() > 0) {
                settled.wait(100);
            }
        }
    }

    public Stats stats() {
        return new Stats(sent.get(), retries.get(), written.get(), failed.get());
    }

    /** Stops accepting events, settles the queued ones, stops the sender. */
    @Override
    public void close() throws InterruptedException {
        open = false;
        flush();
        sender.interrupt();
        sender.join(TimeUnit.SECONDS.toMillis(5));
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                List<Pending> batch = nextBatch();
                if (!batch.isEmpty()) {
                    send(batch);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waiting retries first, in order; then queued events, lingering for the batch to fill. */
    private List<Pending> nextBatch() throws InterruptedException {
        List<Pending> batch = new ArrayList<>(batchLimit);
        while (!retrying.isEmpty() && batch.size() < batchLimit) {
            batch.add(retrying.poll());
        }
        if (batch.isEmpty()) {
            Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return batch;
            }
            batch.add(first);
        }
        long lingerUntil = System.nanoTime() + settings.linger().toNanos();
        while (batch.size() < batchLimit) {
            Pending next = queue.poll(Math.max(0, lingerUntil - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private void send(List<Pending> batch) throws InterruptedException {
        batch.forEach(pending -> pending.attempts++);
        sent.incrementAndGet();
        EmitTransport.Answer answer;
        try {
            answer = transport
                    .post(EmitRequests.batch(batch.stream().map(p -> p.request).toList()))
                    .get(settings.requestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            retryAll(batch, new EmitException(0, null, "no answer from the emitter: " + e), -1);
            return;
        }
        JsonNode body = EmitRequests.parse(answer.body());
        if (answer.status() == 429 && answer.quota() > 0 && batch.size() > answer.quota()) {
            // More than the limit ever allows at once: smaller batches from now on, this one not counted.
            batchLimit = answer.quota();
            batch.forEach(pending -> pending.attempts--);
            retryAll(batch, problem(answer.status(), body), answer.retryAfterSeconds());
        } else if (answer.status() == 201 || answer.status() == 207) {
            perEvent(batch, body.path("results"));
            pause(batch, -1);
        } else if (retryable(answer.status())) {
            retryAll(batch, problem(answer.status(), body), answer.retryAfterSeconds());
        } else {
            EmitException refused = problem(answer.status(), body);
            batch.forEach(pending -> settle(pending, null, refused));
        }
    }

    private void perEvent(List<Pending> batch, JsonNode results) {
        List<Pending> again = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            JsonNode result = results.path(i);
            int status = result.path("status").asInt(0);
            if (status == 201) {
                settle(pending, receipt(pending, result), null);
            } else if (retryable(status) || status == 0) {
                again(pending, problem(status, result.path("problem")), again);
            } else {
                settle(pending, null, problem(status, result.path("problem")));
            }
        }
        requeue(again);
    }

    private void retryAll(List<Pending> batch, EmitException why, long retryAfterSeconds) throws InterruptedException {
        List<Pending> again = new ArrayList<>();
        batch.forEach(pending -> again(pending, why, again));
        requeue(again);
        pause(batch, retryAfterSeconds);
    }

    /** Adds {@code pending} to {@code again} for another attempt, or fails it when it has had them all. */
    private void again(Pending pending, EmitException why, List<Pending> again) {
        if (pending.attempts >= settings.maxAttempts()) {
            settle(pending, null, why);
        } else {
            retries.incrementAndGet();
            again.add(pending);
        }
    }

    /** Puts {@code again} ahead of the events still waiting, in its order: they were sent before them. */
    private void requeue(List<Pending> again) {
        for (int i = again.size() - 1; i >= 0; i--) {
            retrying.addFirst(again.get(i));
        }
    }

    /** Before retrying: the emitter's Retry-After, else backoff with full jitter; nothing when none waits. */
    private void pause(List<Pending> batch, long retryAfterSeconds) throws InterruptedException {
        if (retrying.isEmpty()) {
            return;
        }
        int attempts = batch.stream().mapToInt(p -> p.attempts).max().orElse(1);
        long maxMillis = settings.backoffMax().toMillis();
        long millis = retryAfterSeconds >= 0
                ? Math.min(maxMillis, TimeUnit.SECONDS.toMillis(retryAfterSeconds))
                : ThreadLocalRandom.current()
                        .nextLong(Math.min(maxMillis, settings.backoffBase().toMillis() << Math.min(attempts - 1, 20))
                                + 1);
        Thread.sleep(millis);
    }

    private static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    /** The problem as an exception: its detail, and the first wrong fields it names. */
    private static EmitException problem(int status, JsonNode problem) {
        StringBuilder detail = new StringBuilder(problem.path("detail").asText("the emitter answered " + status));
        JsonNode errors = problem.path("errors");
        for (int i = 0; i < Math.min(3, errors.size()); i++) {
            detail.append(i == 0 ? ": " : "; ")
                    .append(errors.get(i).path("pointer").asText())
                    .append(' ')
                    .append(errors.get(i).path("reason").asText());
        }
        return new EmitException(status, problem.path("type").asText(null), detail.toString());
    }

    private static EmitReceipt receipt(Pending pending, JsonNode result) {
        return new EmitReceipt(
                pending.eventId,
                result.path("type").asText(),
                result.path("topic").asText(),
                result.path("partition").asInt(),
                result.path("offset").asLong(),
                result.path("replayed").asBoolean(false));
    }

    private void settle(Pending pending, EmitReceipt receipt, Throwable error) {
        if (error == null) {
            written.incrementAndGet();
            pending.result.complete(receipt);
        } else {
            failed.incrementAndGet();
            pending.result.completeExceptionally(error);
        }
        if (unsettled.decrementAndGet() == 0) {
            synchronized (settled) {
                settled.notifyAll();
            }
        }
    }
}
