package dev.eventline.edge.tracing;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Builds the services' OpenTelemetry SDK: the service's name as its resource, parent-based sampling
 * at the configured ratio, W3C trace context, a batching OTLP/HTTP exporter when an endpoint is set,
 * and every {@link SpanProcessor} bean besides (tests add an in-memory exporter that way). Not
 * registered as the global instance: nothing reaches it but through these beans.
 */
@Factory
public final class TracingFactory {

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final String TRACES_PATH = "/v1/traces";

    /** The SDK; closed with the application context, which flushes the spans still batched. */
    @Singleton
    @Bean(preDestroy = "close")
    OpenTelemetrySdk openTelemetry(
            TracingSettings settings,
            List<SpanProcessor> processors,
            @Value("${micronaut.application.name:eventline}") String serviceName) {
        SdkTracerProviderBuilder provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.getSampleRatio())));
        if (settings.exportsOverOtlp()) {
            String endpoint = settings.getOtlpEndpoint().replaceAll("/+$", "");
            provider.addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                            .setEndpoint(endpoint.endsWith(TRACES_PATH) ? endpoint : endpoint + TRACES_PATH)
                            .setTimeout(settings.getExportTimeout())
                            .build())
                    .build());
        }
        processors.forEach(provider::addSpanProcessor);
        return OpenTelemetrySdk.builder()
                .setTracerProvider(provider.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    /** The services' view of it. */
    @Singleton
    Tracing tracing(OpenTelemetrySdk sdk, TracingSettings settings, List<SpanProcessor> processors) {
        return new Tracing(sdk, settings.exportsOverOtlp() || !processors.isEmpty());
    }
}
