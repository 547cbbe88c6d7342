package dev.eventline.stream.http;

import java.util.Map;

/**
 * Every stream behaviour again with the framework's reactive SSE writer instead of direct channel
 * writes ({@code eventline.stream.direct-write=false}, also what non-HTTP/1.1 connections get): the
 * two writers must be indistinguishable to clients.
 */
class FrameworkWriterStreamIT extends StreamIT {

    @Override
    Map<String, Object> settings() {
        return Map.of("eventline.stream.heartbeat", "1s", "eventline.stream.direct-write", "false");
    }
}
