package dev.eventline.emitter;

import dev.eventline.edge.DevSigningKey;
import io.micronaut.runtime.Micronaut;

/** Starts emitter-service. Configuration: {@code application.yml}, overridable by environment. */
public final class EmitterApplication {

    private EmitterApplication() {}

    /** Entry point of the runnable jar. */
    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(EmitterApplication.class)
                .properties(DevSigningKey.properties(System.getenv()))
                .banner(false)
                .start();
    }
}
