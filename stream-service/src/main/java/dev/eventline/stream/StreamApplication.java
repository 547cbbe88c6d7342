package dev.eventline.stream;

import io.micronaut.runtime.Micronaut;

/** Starts stream-service. Configuration: {@code application.yml}, overridable by environment. */
public final class StreamApplication {

    private StreamApplication() {}

    /** Entry point of the runnable jar. */
    public static void main(String[] args) {
        Micronaut.build(args).mainClass(StreamApplication.class).banner(false).start();
    }
}
