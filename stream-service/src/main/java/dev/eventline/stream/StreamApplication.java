package dev.eventline.stream;

import dev.eventline.edge.DevSigningKey;
import io.micronaut.runtime.Micronaut;

/** Starts stream-service. Configuration: {@code application.yml}, overridable by environment. */
public final class StreamApplication {

    private StreamApplication() {}

    /** Entry point of the runnable jar. */
    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(StreamApplication.class)
                .properties(DevSigningKey.properties(System.getenv()))
                .banner(false)
                .start();
    }
}
