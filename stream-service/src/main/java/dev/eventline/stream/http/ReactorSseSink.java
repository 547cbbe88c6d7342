package dev.eventline.stream.http;

import dev.eventline.stream.subscription.SseFrame;
import dev.eventline.stream.subscription.SseSink;
import io.micronaut.http.sse.Event;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.FluxSink;

/**
 * {@link SseSink} over the Reactor sink that Micronaut's SSE writer subscribes to: demand is what the
 * writer requested (it requests as the connection drains), so frames never queue in this process.
 */
final class ReactorSseSink implements SseSink {

    private final FluxSink<Event<String>> sink;
    private final AtomicLong demand = new AtomicLong();

    ReactorSseSink(FluxSink<Event<String>> sink) {
        this.sink = sink;
    }

    @Override
    public long demand() {
        return demand.get();
    }

    @Override
    public void send(SseFrame frame) {
        demand.decrementAndGet();
        sink.next(toEvent(frame));
    }

    @Override
    public void sendLast(SseFrame frame) {
        sink.next(toEvent(frame));
        sink.complete();
    }

    @Override
    public void onDemand(Runnable callback) {
        sink.onRequest(n -> {
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            callback.run();
        });
    }

    @Override
    public void onClose(Runnable callback) {
        sink.onDispose(callback::run);
    }

    private static Event<String> toEvent(SseFrame frame) {
        Event<String> event = Event.of(frame.data() == null ? "" : frame.data());
        if (frame.event() != null) {
            event = event.name(frame.event());
        }
        if (frame.id() != null) {
            event = event.id(frame.id());
        }
        if (frame.retry() != null) {
            event = event.retry(frame.retry());
        }
        if (frame.comment() != null) {
            event = event.comment(frame.comment());
        }
        return event;
    }
}
