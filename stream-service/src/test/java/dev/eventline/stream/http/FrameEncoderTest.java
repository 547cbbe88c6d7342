package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.stream.subscription.SseFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {

    @Test
    void subscribersReadingTheSameEventsAtDifferentPointsGetEachFrameWhole() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            events.add("{\"recordId\":\"r-" + i + "\",\"title\":\"Fractions, week " + i + "\"}");
        }
        // Three subscribers a thousand events apart, interleaved as drains on one event loop are.
        for (int i = 0; i < events.size(); i++) {
            for (int subscriber = 0; subscriber < 3; subscriber++) {
                int at = (i + subscriber * 1000) % events.size();
                assertEquals(
                        frameText("v1~assignments.0-" + at, events.get(at)),
                        encode("v1~assignments.0-" + at, events.get(at)));
            }
        }
    }

    @Test
    void bodiesKeptStayWithinTheirBound() {
        String payload = "x".repeat(16 * 1024);
        for (int i = 0; i < 2000; i++) {
            String data = "{\"recordId\":\"r-" + i + "\",\"blob\":\"" + payload + "\"}";
            assertEquals(frameText("v1~files.0-" + i, data), encode("v1~files.0-" + i, data));
        }
        long kept = FrameEncoder.bodyBytesKept();
        assertTrue(kept > 0 && kept <= 4 * 1024 * 1024, "kept " + kept + " bytes");
    }

    private static String encode(String id, String data) {
        ByteBuf out = Unpooled.buffer();
        try {
            FrameEncoder.write(out, SseFrame.event("assignment.created", id, data));
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    private static String frameText(String id, String data) {
        return "id: " + id + "\nevent: assignment.created\ndata: " + data + "\n\n";
    }
}
