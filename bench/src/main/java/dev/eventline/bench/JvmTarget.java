package dev.eventline.bench;

import java.util.OptionalLong;

/**
 * A fan-out target that is a JVM: memory and warm-up readings come from {@code jcmd} against its
 * {@link #pid()}. Blocking like {@link Jcmd}.
 */
interface JvmTarget extends FanOutTarget {

    /** A full collection, so resident memory counts what connections hold rather than garbage. */
    @Override
    default void settle() throws Exception {
        Jcmd.collect(pid());
    }

    @Override
    default OptionalLong liveHeapBytes() throws Exception {
        return Jcmd.liveHeapBytes(pid());
    }
}
