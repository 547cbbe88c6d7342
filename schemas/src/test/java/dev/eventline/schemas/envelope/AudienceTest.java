package dev.eventline.schemas.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.schemas.catalog.Addressing;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AudienceTest {

    private final Set<String> pupil = Audience.entriesOf("p-7", List.of("class:7b"));

    @Test
    void aSubscriberIsNamedByItsUserBareOrPrefixedAndByEachOfItsGroups() {
        assertEquals(Set.of("p-7", "user:p-7", "group:class:7b"), pupil);
    }

    @Test
    void tenantAddressedEventsWithoutAudienceReachEveryoneAudienceAddressedOnesNobody() {
        assertTrue(Audience.reaches(List.of(), Addressing.TENANT, pupil));
        assertFalse(Audience.reaches(List.of(), Addressing.AUDIENCE, pupil));
    }

    @Test
    void anAudienceReachesOnlyTheUsersAndGroupMembersItNames() {
        for (Addressing addressing : Addressing.values()) {
            assertTrue(Audience.reaches(List.of("user:p-7"), addressing, pupil));
            assertTrue(Audience.reaches(List.of("p-7"), addressing, pupil), "a bare id is a user");
            assertTrue(Audience.reaches(List.of("u-1", "group:class:7b"), addressing, pupil));
            assertFalse(Audience.reaches(List.of("user:p-8", "group:class:7a"), addressing, pupil));
            assertFalse(Audience.reaches(List.of("group:p-7"), addressing, pupil), "a group is not a user");
            assertFalse(Audience.reaches(List.of("class:7b"), addressing, pupil), "a bare id is never a group");
        }
    }

    @Test
    void theGroupsOfAnAudienceAreTheNamesOfItsGroupEntries() {
        assertEquals(
                Set.of("class:7b", "project:p-1"),
                Audience.groupsOf(List.of("user:u-1", "group:class:7b", "u-2", "group:project:p-1")));
    }

    @Test
    void entriesNameSomeoneWithinTheIdLimits() {
        assertNull(Audience.entryProblem("user:u-1"));
        assertNull(Audience.entryProblem("group:project:p-1"));
        assertNull(Audience.entryProblem("u-1"));
        assertNotNull(Audience.entryProblem("group:"));
        assertNotNull(Audience.entryProblem("user:"));
        assertNotNull(Audience.entryProblem("group:a\nb"));
        assertNotNull(Audience.entryProblem("group:" + "g".repeat(EnvelopeRules.MAX_ID_LENGTH)));
        assertNotNull(Audience.groupProblem(""));
        assertNull(Audience.groupProblem("project:p-1"));
    }
}
