package dev.eventline.stream.subscription;

import dev.eventline.stream.config.StreamSettings;
import dev.eventline.stream.metrics.StreamMetrics;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every subscription of an instance shares, owned by {@link Subscriptions}: the log, the wake-up
 * groups, the worker pool for connections without a thread of their own, the timer, the settings and
 * the metrics. Thread-safe parts only.
 */
record SubscriptionRuntime(
        StreamLog log,
        WakeGroups wakeups,
        Executor workers,
        ScheduledExecutorService timer,
        StreamSettings settings,
        StreamMetrics metrics) {}
