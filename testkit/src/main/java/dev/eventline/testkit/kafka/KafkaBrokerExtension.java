package dev.eventline.testkit.kafka;

import java.util.Locale;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a real Kafka broker: {@code @ExtendWith(KafkaBrokerExtension.class)}
 * and a {@link TestKafka} parameter.
 *
 * <p>One broker per test JVM, started on first use and stopped when the JVM's tests end. Topics a
 * test creates are deleted when the scope that resolved its {@code TestKafka} ends (the test method,
 * or the class for {@code @BeforeAll} and constructor parameters).
 *
 * <p>Backend selection: system property {@value #BACKEND_PROPERTY} or environment variable {@value
 * #BACKEND_ENV}, {@code embedded} (default: a child JVM from Kafka's own artifacts) or {@code
 * testcontainers}. When Testcontainers is asked for but no Docker engine answers, the extension says so
 * once and uses the embedded broker: the build never fails or hangs for lack of Docker.
 */
public final class KafkaBrokerExtension implements ParameterResolver {

    /** System property selecting the backend. */
    public static final String BACKEND_PROPERTY = "eventline.test.broker";

    /** Environment variable selecting the backend when the property is not set. */
    public static final String BACKEND_ENV = "EVENTLINE_TEST_BROKER";

    private static final Logger LOG = Logger.getLogger(KafkaBrokerExtension.class.getName());
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SharedBroker shared = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedBroker.class, key -> new SharedBroker(startBackend()), SharedBroker.class);
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        ScopedTestKafka.class, key -> new ScopedTestKafka(shared.backend()), ScopedTestKafka.class);
    }

    private static BrokerBackend startBackend() {
        String choice = System.getProperty(BACKEND_PROPERTY, System.getenv().getOrDefault(BACKEND_ENV, "embedded"))
                .toLowerCase(Locale.ROOT);
        switch (choice) {
            case "embedded":
                return new EmbeddedBackend();
            case "testcontainers":
                if (TestcontainersBackend.dockerAvailable()) {
                    return new TestcontainersBackend();
                }
                LOG.warning("Testcontainers broker requested but no Docker engine is available: "
                        + "using the embedded broker instead");
                return new EmbeddedBackend();
            default:
                throw new IllegalArgumentException(
                        BACKEND_PROPERTY + " must be 'embedded' or 'testcontainers', was '" + choice + "'");
        }
    }

    /** The JVM-wide broker, closed by JUnit when the root context closes (end of the test run). */
    private record SharedBroker(BrokerBackend backend) implements AutoCloseable {
        @Override
        public void close() {
            backend.close();
        }
    }
}
