package dev.eventline.testkit.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Runs only where a Docker engine answers (skipped quickly elsewhere, as on the project's machines):
 * the Testcontainers backend starts a broker the same tests can use.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersBrokerIT {

    @Test
    void startsABrokerInAContainerWhereDockerExists() {
        try (TestcontainersBackend backend = new TestcontainersBackend()) {
            assertFalse(backend.bootstrapServers().isBlank());
        }
    }
}
