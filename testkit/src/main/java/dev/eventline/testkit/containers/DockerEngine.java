package dev.eventline.testkit.containers;

import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, for tests that need a container (a broker image, a schema
 * registry): they run where one does and are skipped, never failed or hung, where none does (the
 * project's own machines).
 */
public final class DockerEngine {

    private DockerEngine() {}

    /** Whether a Docker engine answers; Testcontainers decides in well under a second without one. */
    public static boolean available() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
