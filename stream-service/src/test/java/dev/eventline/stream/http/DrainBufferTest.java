package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.stream.subscription.SseFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrainBufferTest {

    private final DrainBuffer drain = new DrainBuffer(new UnpooledByteBufAllocator(false));

    @Test
    void framesAreTakenInTheOrderSentWithTheLastBufferMarked() {
        drain.add(SseFrame.event("assignment.created", "v1~assignments.0-1", "{\"a\":1}"));
        drain.add(SseFrame.heartbeat());
        List<String> taken = new ArrayList<>();
        List<Boolean> last = new ArrayList<>();
        assertTrue(drain.take((bytes, isLast) -> {
            taken.add(bytes.toString(StandardCharsets.UTF_8));
            last.add(isLast);
            bytes.release();
        }));
        String all = String.join("", taken);
        assertTrue(all.indexOf("id: v1~assignments.0-1") < all.indexOf(": heartbeat"), all);
        assertEquals(Boolean.TRUE, last.get(last.size() - 1));
        assertTrue(last.subList(0, last.size() - 1).stream().noneMatch(Boolean::booleanValue));
        assertFalse(drain.take((bytes, isLast) -> bytes.release()), "nothing left");
    }

    @Test
    void aLongCatchUpAsksToBeHandedOverBeforeItGrowsPast32KiB() {
        boolean full = false;
        int frames = 0;
        while (!full) {
            full = drain.add(SseFrame.event("x.y", "v1~x.0-" + frames, "{\"pad\":\"" + "p".repeat(500) + "\"}"));
            frames++;
        }
        assertTrue(frames > 50 && frames < 100, frames + " frames");
        List<ByteBuf> taken = new ArrayList<>();
        drain.take((bytes, isLast) -> taken.add(bytes));
        taken.forEach(ByteBuf::release);
    }

    @Test
    void releaseFreesWhatWasNeverTaken() {
        drain.add(SseFrame.event("x.y", "v1~x.0-1", "{}"));
        drain.add(SseFrame.event("x.y", "v1~x.0-2", "{}"));
        drain.release();
        assertFalse(drain.take((bytes, isLast) -> bytes.release()));
    }
}
