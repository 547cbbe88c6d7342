package dev.eventline.emitter.ingest;

import dev.eventline.schemas.codec.EventRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link EventLog} over a list, one partition per topic, like Kafka's {@code MockProducer}: appends are
 * acknowledged at once, or held until {@link #acknowledgeHeld()} so a test can act while they are in
 * flight, or refused with a chosen failure. Thread-safe (one lock).
 */
public final class InMemoryEventLog implements EventLog {

    private final Clock clock;
    private final List<Stored> records = new ArrayList<>();
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;
    private EventLogException failure;

    /** One record and where it went. */
    public record Stored(EventRecord record, Receipt receipt) {

        /** The event id header. */
        public String eventId() {
            return record.headers().get("eventline-event-id");
        }
    }

    /** A log stamping records with {@code clock}. */
    public InMemoryEventLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized CompletionStage<Receipt> append(EventRecord record) {
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        Receipt receipt = new Receipt(record.topic(), 0, records.size(), clock.instant());
        records.add(new Stored(record, receipt));
        CompletableFuture<Receipt> acked = new CompletableFuture<>();
        if (holding) {
            held.add(() -> acked.complete(receipt));
        } else {
            acked.complete(receipt);
        }
        return acked;
    }

    @Override
    public synchronized CompletionStage<Optional<Receipt>> find(EventRecord record, UUID eventId, Instant since) {
        return CompletableFuture.completedFuture(records.stream()
                .filter(stored -> stored.record().topic().equals(record.topic()))
                .filter(stored -> !stored.receipt().timestamp().isBefore(since))
                .filter(stored -> eventId.toString().equals(stored.eventId()))
                .map(Stored::receipt)
                .findFirst());
    }

    /** Appends from now on are written but not acknowledged until {@link #acknowledgeHeld()}. */
    public synchronized void hold() {
        holding = true;
    }

    /** Acknowledges every held append and stops holding. */
    public void acknowledgeHeld() {
        List<Runnable> acks;
        synchronized (this) {
            holding = false;
            acks = List.copyOf(held);
            held.clear();
        }
        acks.forEach(Runnable::run);
    }

    /** Drops the acknowledgements of held appends: the records are in the log, the writer never hears. */
    public synchronized void forgetHeld() {
        holding = false;
        held.clear();
    }

    /** Every append from now on fails with {@code error} (null: succeeds again). */
    public synchronized void failWith(EventLogException error) {
        this.failure = error;
    }

    /** Every record appended, in order. */
    public synchronized List<Stored> records() {
        return List.copyOf(records);
    }
}
