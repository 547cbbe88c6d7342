package dev.eventline.edge.tracing;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Tracing settings, under {@code eventline.tracing}. Defaults are the named constants.
 *
 * <p>Spans are exported over OTLP (HTTP, protobuf) only when {@link #getOtlpEndpoint()} is set; the
 * services' configuration maps the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} onto it. Mutable bean
 * populated once by Micronaut at start-up; read-only afterwards.
 */
@ConfigurationProperties("eventline.tracing")
public class TracingSettings {

    /**
     * Share of new traces recorded; a request that arrives with a sampled {@code traceparent} is always
     * recorded (parent-based), so the caller's sampling decision holds end to end.
     */
    public static final double DEFAULT_SAMPLE_RATIO = 1.0;

    /** How long a batch of spans may take to reach the collector before it is dropped. */
    public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(10);

    private String otlpEndpoint;
    private double sampleRatio = DEFAULT_SAMPLE_RATIO;
    private Duration exportTimeout = DEFAULT_EXPORT_TIMEOUT;

    /** The collector's base URL (e.g. {@code http://otel-collector:4318}); null or blank: no export. */
    public String getOtlpEndpoint() {
        return otlpEndpoint;
    }

    public void setOtlpEndpoint(String otlpEndpoint) {
        this.otlpEndpoint = otlpEndpoint;
    }

    public double getSampleRatio() {
        return sampleRatio;
    }

    public void setSampleRatio(double sampleRatio) {
        if (sampleRatio < 0 || sampleRatio > 1) {
            throw new IllegalArgumentException("eventline.tracing.sample-ratio must be within [0, 1]");
        }
        this.sampleRatio = sampleRatio;
    }

    public Duration getExportTimeout() {
        return exportTimeout;
    }

    public void setExportTimeout(Duration exportTimeout) {
        this.exportTimeout = exportTimeout;
    }

    /** Whether spans leave the process over OTLP. */
    public boolean exportsOverOtlp() {
        return otlpEndpoint != null && !otlpEndpoint.isBlank();
    }
}
