package dev.eventline.emitter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.emitter.config.EmitterSettings;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantPolicyTest {

    private final TenantPolicy policy = new TenantPolicy(new EmitterSettings());

    @Test
    void producerWritesIntoItsOwnTenantOnly() {
        ProducerIdentity producer = new ProducerIdentity("svc", "t1", Set.of("producer"));
        assertEquals("t1", policy.tenantFor(producer, null).tenant());
        assertEquals("t1", policy.tenantFor(producer, "t1").tenant());
        assertFalse(policy.tenantFor(producer, "t2").allowed());
    }

    @Test
    void platformNamesAnyTenantButMustNameOne() {
        ProducerIdentity platform = new ProducerIdentity("ops", null, Set.of("platform"));
        assertEquals("t9", policy.tenantFor(platform, "t9").tenant());
        assertFalse(policy.tenantFor(platform, null).allowed());
    }

    @Test
    void othersMayNotEmitAndProducersNeedATenant() {
        assertFalse(policy.mayEmit(new ProducerIdentity("u", "t1", Set.of("teacher"))));
        assertTrue(policy.mayEmit(new ProducerIdentity("u", null, Set.of("producer"))));
        assertFalse(policy.tenantFor(new ProducerIdentity("u", null, Set.of("producer")), null)
                .allowed());
    }
}
