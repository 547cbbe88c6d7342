package dev.eventline.stream.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.eventline.stream.config.StreamSettings;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    @Test
    void refusesBeyondEachLimitAndGivesSlotsBack() {
        StreamSettings settings = new StreamSettings();
        settings.setMaxConnectionsPerUser(2);
        settings.setMaxConnectionsPerTenant(3);
        settings.setMaxConnectionsPerInstance(4);
        ConnectionLimits limits = new ConnectionLimits(settings);
        assertNull(limits.acquire("t1", "u1"));
        assertNull(limits.acquire("t1", "u1"));
        assertEquals("user", limits.acquire("t1", "u1"));
        assertNull(limits.acquire("t1", "u2"));
        assertEquals("tenant", limits.acquire("t1", "u3"));
        assertNull(limits.acquire("t2", "u1"));
        assertEquals("instance", limits.acquire("t3", "u1"));
        limits.release("t1", "u1");
        assertNull(limits.acquire("t1", "u1"));
    }
}
