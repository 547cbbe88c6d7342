package dev.eventline.emitter.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether events may be written now, as the rate limits say.
 */
public sealed interface Admission {

    /** Within every limit; the tokens are taken. */
    record Admitted() implements Admission {}

    /**
     * Over a limit; nothing was taken.
     *
     * @param scope which limit
     * @param key the producer or tenant it counts for
     * @param rate that limit
     * @param retryAfter when the same request would pass, if nothing else is sent meanwhile
     * @param everPossible false when the request holds more events than the limit's burst
     */
    record Limited(Scope scope, String key, Rate rate, Duration retryAfter, boolean everPossible) implements Admission {

        /** Requires every part. */
        public Limited {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** The limits there are. */
    enum Scope {
        /** Per producer: the subject of the emitting token. */
        PRODUCER,
        /** Per tenant the events are written into. */
        TENANT
    }
}
