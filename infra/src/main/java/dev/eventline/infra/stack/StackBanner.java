package dev.eventline.infra.stack;

import dev.eventline.infra.token.DevTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the local stack prints once it is up, and the env file scripts can {@code source}.
 *
 * <p>The demo tokens are minted once per run, valid for {@link #DEMO_TOKEN_LIFETIME}.
 */
final class StackBanner {

    static final Duration DEMO_TOKEN_LIFETIME = Duration.ofHours(12);
    static final String DEMO_TENANT = "demo";

    private final String emitterUrl;
    private final String streamUrl;
    private final String bootstrap;
    private final String producerToken;
    private final String subscriberToken;
    private final String memberToken;
    private final String pupilToken;
    private List<String> topology = List.of();

    StackBanner(String emitterUrl, String streamUrl, String bootstrap, DevTokens tokens) {
        this.emitterUrl = emitterUrl;
        this.streamUrl = streamUrl;
        this.bootstrap = bootstrap;
        this.producerToken = tokens.mint("demo-producer", DEMO_TENANT, List.of("producer"), DEMO_TOKEN_LIFETIME);
        this.subscriberToken = tokens.mint("teacher-1", DEMO_TENANT, List.of("teacher"), DEMO_TOKEN_LIFETIME);
        // A member of project p-1 (its page reads scope=group:project:p-1) and a pupil of class 7b.
        this.memberToken =
                tokens.mint("member-1", DEMO_TENANT, List.of("member"), List.of("project:p-1"), DEMO_TOKEN_LIFETIME);
        this.pupilToken =
                tokens.mint("pupil-1", DEMO_TENANT, List.of("pupil"), List.of("class:7b"), DEMO_TOKEN_LIFETIME);
    }

    /** The same banner with lines on the brokers and instances behind the front URLs. */
    StackBanner withTopology(List<String> lines) {
        this.topology = List.copyOf(lines);
        return this;
    }

    /** The demo page, configured in the fragment (never sent to a server) with the demo tokens. */
    String demoUrl() {
        return demoUrl(subscriberToken, "");
    }

    /** One project's page (seed 001), as a member of project p-1. */
    String projectUrl() {
        return demoUrl(memberToken, "&view=project&project=p-1");
    }

    /** A pupil's page (seed 000): what is addressed to pupil-1, no emit buttons. */
    String pupilUrl() {
        return demoUrl(pupilToken, "&view=pupil");
    }

    private String demoUrl(String subscriber, String view) {
        return streamUrl + "/demo/#subscriber=" + subscriber + "&producer=" + producerToken + "&emitter=" + emitterUrl
                + view;
    }

    String envFile(String secret) {
        return String.join(
                "\n",
                "# Written by the Eventline local stack. Development only: these tokens grant access.",
                "export EVENTLINE_EMITTER_URL=" + emitterUrl,
                "export EVENTLINE_STREAM_URL=" + streamUrl,
                "export KAFKA_BOOTSTRAP_SERVERS=" + bootstrap,
                "export EVENTLINE_JWT_SECRET=" + secret,
                "export EVENTLINE_PRODUCER_TOKEN=" + producerToken,
                "export EVENTLINE_SUBSCRIBER_TOKEN=" + subscriberToken,
                "export EVENTLINE_DEMO_URL='" + demoUrl() + "'",
                "");
    }

    String text(Path envFile) {
        // The local stack's TLS certificate is self-signed (EVENTLINE_TLS=self-signed): curl must be told.
        String curl = streamUrl.startsWith("https:") ? "curl -k" : "curl";
        String emitCurl = curl + " -sS -X POST " + emitterUrl + "/v1/events \\\n"
                + "    -H \"Authorization: Bearer $EVENTLINE_PRODUCER_TOKEN\" -H 'Content-Type: application/json' \\\n"
                + "    -d '{\"type\":\"assignment.created\",\"recordId\":\"a-1\","
                + "\"payload\":{\"title\":\"Fractions\",\"classId\":\"7b\",\"dueAt\":null,\"status\":\"PUBLISHED\"}}'";
        String watchCurl = curl + " -N '" + streamUrl + "/v1/stream?topics=assignments' \\\n"
                + "    -H \"Authorization: Bearer $EVENTLINE_SUBSCRIBER_TOKEN\"";
        String where = String.join(
                "\n",
                "  emitter-service  " + emitterUrl + "   (health: " + emitterUrl + "/health, metrics: " + emitterUrl
                        + "/prometheus)",
                "  stream-service   " + streamUrl + "   (health: " + streamUrl + "/health, metrics: " + streamUrl
                        + "/prometheus)",
                "  Kafka            " + bootstrap);
        if (!topology.isEmpty()) {
            where += "\n" + String.join("\n", topology);
        }
        return String.join(
                "\n",
                "",
                "Eventline is running.",
                "",
                where,
                "",
                "  Demo page (open it in a browser; its buttons emit through the emitter):",
                "    " + demoUrl(),
                "  One project's page (a member of project p-1):",
                "    " + projectUrl(),
                "  A pupil's page (pupil-1 of class 7b; nothing to emit):",
                "    " + pupilUrl(),
                "  Browser client:  " + streamUrl + "/client/sse-client.js",
                "",
                "  !! DEVELOPMENT ONLY: the tokens below are signed with a local dev secret. Never use them",
                "  !! or that secret outside this machine.",
                "  producer token (role producer, tenant " + DEMO_TENANT + "):",
                "    " + producerToken,
                "  subscriber token (role teacher, tenant " + DEMO_TENANT + ", user teacher-1):",
                "    " + subscriberToken,
                "",
                "  Tokens and URLs for scripts:  source " + envFile,
                "",
                "  Watch the stream:",
                "    " + watchCurl,
                "  Emit an event:",
                "    " + emitCurl,
                "",
                "Press Ctrl-C to stop everything (data is kept for the next run).",
                "");
    }
}
