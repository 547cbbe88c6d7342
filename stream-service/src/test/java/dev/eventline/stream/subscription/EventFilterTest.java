package dev.eventline.stream.subscription;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.schemas.envelope.Audience;
import dev.eventline.stream.cursor.PartitionRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    private static final Set<String> AUDIENCE_TOPICS = Set.of("files");

    @Test
    void otherTenantsEventsNeverPass() {
        assertFalse(filter("p-7", Set.of(), Set.of()).allows(event("t-2", "projects", List.of())));
        assertFalse(filter("p-7", Set.of(), Set.of()).allows(event("t-2", "files", List.of("user:p-7"))));
    }

    @Test
    void tenantWideEventsReachEveryoneOnTenantTopicsAndNobodyOnAudienceTopics() {
        assertTrue(filter("p-7", Set.of(), Set.of()).allows(event("t-1", "projects", List.of())));
        assertFalse(filter("p-7", Set.of(), Set.of()).allows(event("t-1", "files", List.of())));
    }

    @Test
    void addressedEventsReachTheirUsersAndGroupMembersOnly() {
        EventFilter member = filter("u-1", Set.of("project:p-1"), Set.of());
        EventFilter outsider = filter("u-2", Set.of("project:p-2"), Set.of());
        LogEvent toGroup = event("t-1", "projects", List.of("group:project:p-1"));
        LogEvent toUser = event("t-1", "files", List.of("user:u-1"));
        LogEvent toBareUser = event("t-1", "files", List.of("u-1"));
        assertTrue(member.allows(toGroup));
        assertTrue(member.allows(toUser));
        assertTrue(member.allows(toBareUser));
        assertFalse(outsider.allows(toGroup));
        assertFalse(outsider.allows(toUser));
        assertFalse(outsider.allows(toBareUser));
    }

    @Test
    void aScopeNarrowsToEventsAddressedToItsGroupsAndDropsTenantWideOnes() {
        EventFilter scoped = filter("u-1", Set.of("project:p-1", "project:p-2"), Set.of("group:project:p-1"));
        assertTrue(scoped.allows(event("t-1", "projects", List.of("group:project:p-1"))));
        assertFalse(scoped.allows(event("t-1", "projects", List.of("group:project:p-2"))));
        assertFalse(scoped.allows(event("t-1", "projects", List.of("user:u-1"))), "addressed, but outside the scope");
        assertFalse(scoped.allows(event("t-1", "projects", List.of())));
    }

    private static EventFilter filter(String user, Set<String> groups, Set<String> scope) {
        Recipient recipient = new Recipient("t-1", Audience.entriesOf(user, groups), scope);
        return new EventFilter(recipient, AUDIENCE_TOPICS, List.of(), null);
    }

    private static LogEvent event(String tenant, String topic, List<String> audience) {
        return new LogEvent(new PartitionRef(topic, 0), 0, "x.changed", tenant.intern(), "r-1", audience, 0, "{}");
    }
}
