package dev.eventline.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eventline.schemas.EventSchemas;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    @Test
    void sourceNamesTenantAndProducerWithEachSegmentPercentEncoded() {
        assertEquals("/tenants/tenant-a/producers/lms.backend", CloudEventHeaders.source("tenant-a", "lms.backend"));
        assertEquals(
                "/tenants/school%2042%2F7b/producers/svc%3Alms%C3%BC",
                CloudEventHeaders.source("school 42/7b", "svc:lmsü"));
    }

    @Test
    void timeIsRfc3339InUtcWithMillisecondsWhenThereAreAny() {
        assertEquals("2026-12-02T12:00:00Z", CloudEventHeaders.time(1_796_212_800_000L));
        assertEquals("2026-11-22T10:15:30.123Z", CloudEventHeaders.time(1_795_342_530_123L));
    }

    @Test
    void aGeneratedClassGetsTheSameAttributesAsAStampedEvent() {
        EventRecord record = new EventRecords(EventSchemas.load()).of(EventCodecTest.fileProgress());

        assertEquals("1.0", record.headers().get(CloudEventHeaders.SPEC_VERSION_HEADER));
        assertEquals(
                record.headers().get(EventHeaders.EVENT_ID), record.headers().get(CloudEventHeaders.ID));
        assertEquals("/tenants/t1/producers/worker", record.headers().get(CloudEventHeaders.SOURCE));
        assertEquals("file.progress", record.headers().get(CloudEventHeaders.TYPE));
        assertEquals("2026-11-22T10:15:30.123Z", record.headers().get(CloudEventHeaders.TIME));
        assertEquals("file-1", record.headers().get(CloudEventHeaders.SUBJECT));
        assertEquals(EventHeaders.CONTENT_TYPE_AVRO, record.headers().get(EventHeaders.CONTENT_TYPE));
    }

    @Test
    void confluentFramedRecordsSayItInTheirContentType() {
        EventSchemas schemas = EventSchemas.load();
        EventCodec codec = new EventCodec(schemas, WireFormat.CONFLUENT, SchemaIds.derived(schemas));

        EventRecord record = new EventRecords(schemas, codec).of(EventCodecTest.fileProgress());

        assertEquals(EventHeaders.CONTENT_TYPE_CONFLUENT, record.headers().get(EventHeaders.CONTENT_TYPE));
        assertEquals(WireFormat.CONFLUENT, WireFormat.of(record.value()));
    }
}
