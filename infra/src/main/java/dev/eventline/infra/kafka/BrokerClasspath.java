package dev.eventline.infra.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The classpath of the child broker JVM: Kafka's server artifacts plus a logging binding, as resolved
 * by Maven when this module was built ({@code broker.classpath}, written by the dependency plugin).
 *
 * <p>A separate JVM keeps Scala, the broker and its logging away from the services' classpath and lets
 * tests kill and restart the broker like a real one.
 */
final class BrokerClasspath {

    private static final String RESOURCE = "broker.classpath";

    private BrokerClasspath() {}

    /** Returns the classpath string, ready for {@code java -cp}. Fails when the build did not write it. */
    static String load() {
        try (InputStream in = BrokerClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is missing: build the infra module with Maven (./mvnw -pl infra package)");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (classpath.isEmpty()) {
                throw new IllegalStateException(RESOURCE + " is empty: rebuild the infra module");
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
