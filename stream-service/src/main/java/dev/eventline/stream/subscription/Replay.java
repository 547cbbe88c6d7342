package dev.eventline.stream.subscription;

import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.cursor.StreamCursor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of the JSON replay ({@code GET /v1/events}): the events after a cursor that are in the log
 * now, as the stream would have sent them (same frames, same ids, same {@code reset}), up to a limit.
 * Clients that cannot hold a stream open poll with the returned cursor.
 *
 * <p>Blocking: waits for reads of the log (bounded by {@code timeout} per read). Stateless and
 * thread-safe.
 */
public final class Replay {

    /**
     * A page of replayed frames.
     *
     * @param frames events and resets, in log order per partition
     * @param cursor the position after this page: pass it as {@code after} for the next one
     * @param more true when the limit cut the page short (poll again at once)
     */
    public record Page(List<SseFrame> frames, StreamCursor cursor, boolean more) {}

    private final StreamLog log;
    private final int batch;
    private final Duration timeout;

    /** Replays from {@code log}, {@code batch} records per read, waiting at most {@code timeout} per read. */
    public Replay(StreamLog log, int batch, Duration timeout) {
        this.log = log;
        this.batch = batch;
        this.timeout = timeout;
    }

    /** Reads up to {@code limit} events after {@code start} across {@code partitions}. */
    public Page read(List<PartitionRef> partitions, StreamCursor start, EventFilter filter, int limit) {
        List<SseFrame> frames = new ArrayList<>();
        ReadApplier.Target target = new ReadApplier.Target() {
            @Override
            public boolean full() {
                return frames.size() >= limit;
            }

            @Override
            public void event(SseFrame frame, LogEvent event) {
                frames.add(frame);
            }

            @Override
            public void reset(SseFrame frame) {
                frames.add(frame);
            }
        };
        StreamCursor cursor = start;
        for (PartitionRef partition : partitions) {
            while (!target.full() && cursor.next(partition) < log.liveEnd(partition)) {
                ReadResult result = log.readNow(partition, cursor.next(partition), batch, timeout);
                if (ReadApplier.stalled(cursor, partition, result)) {
                    throw new LogUnavailableException("no progress reading " + partition, null);
                }
                cursor = ReadApplier.apply(cursor, partition, result, filter, target);
            }
        }
        boolean more = false;
        for (PartitionRef partition : partitions) {
            more |= cursor.next(partition) < log.liveEnd(partition);
        }
        return new Page(List.copyOf(frames), cursor, more && target.full());
    }
}
