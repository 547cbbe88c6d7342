package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.problem.ProblemException;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.stream.auth.Subscribers;
import dev.eventline.stream.auth.TopicAccess;
import dev.eventline.stream.config.StreamSettings;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.subscription.InMemoryStreamLog;
import dev.eventline.stream.subscription.LogEvent;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks every read goes through (stream, JSON pages, snapshot), against a log in memory. */
class SubscriptionRequestTest {

    private static final EventSchemas SCHEMAS = EventSchemas.load();

    private final InMemoryStreamLog log =
            new InMemoryStreamLog(Map.of("assignments", 6, "submissions", 6, "files", 6, "projects", 6));
    private final TopicAccess access = new TopicAccess(SCHEMAS, new Subscribers(new StreamSettings()));

    @Test
    void aTenantKeyedTopicIsReadOnTheTenantsOwnPartitionFromTheLiveEnd() {
        SubscriptionRequest request = resolve(teacher("t-1"), read("assignments", null, null, null));
        PartitionRef own = new PartitionRef("assignments", log.partitionOf("assignments", "t-1"));
        assertEquals(List.of(own), request.partitions());
        assertEquals(Map.of(own, 0L), request.start().positions());
        assertEquals(List.of("assignment.created", "assignment.updated", "assignment.deleted"), request.eventTypes());
        assertEquals("t-1", request.filter().tenant());
    }

    @Test
    void typesNarrowTheAnnouncedEventTypesByNameOrPrefix() {
        SubscriptionRequest request =
                resolve(teacher("t-1"), read("assignments,submissions", "assignment.deleted,submission.", null, null));
        assertEquals(
                List.of("assignment.deleted", "submission.created", "submission.updated", "submission.deleted"),
                request.eventTypes());
    }

    @Test
    void onAudienceTopicsOnlyAddressedEventsPass() {
        SubscriptionRequest request =
                resolve(member("u-1", "t-1", List.of("project:p-1")), read("files", null, null, null));
        PartitionRef files = request.partitions().get(0);
        LogEvent toMe = log.append(files, "file.progress", "t-1", "f-1", List.of("user:u-1"), 0);
        LogEvent toNobody = log.append(files, "file.progress", "t-1", "f-2", List.of(), 0);
        assertTrue(request.filter().allows(toMe));
        assertFalse(request.filter().allows(toNobody), "an audience topic's tenant-wide event reaches nobody");
    }

    @Test
    void refusalsNameWhatIsWrong() {
        assertProblem(400, "no-topics", () -> resolve(teacher("t-1"), read(" ", null, null, null)));
        assertProblem(404, "unknown-topic", () -> resolve(teacher("t-1"), read("gossip", null, null, null)));
        assertProblem(
                403,
                "forbidden-topic",
                () -> resolve(member("u-1", "t-1", List.of()), read("assignments", null, null, null)));
        assertProblem(400, "invalid-record", () -> resolve(teacher("t-1"), read("assignments", null, "a\u0000", null)));
        assertProblem(
                403,
                "forbidden-scope",
                () -> resolve(
                        member("u-1", "t-1", List.of("project:p-1")),
                        read("projects", null, null, "group:project:p-2")));
        assertProblem(
                400,
                "too-many-topics",
                () -> resolve(teacher("t-1"), read("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u", null, null, null)));
    }

    @Test
    void aTopicTheLogDoesNotHaveYetIsAPassingTrouble() {
        assertProblem(
                503,
                "topic-missing",
                () -> resolve(member("u-1", "t-1", List.of()), read("activity", null, null, null)));
    }

    private SubscriptionRequest resolve(Authentication who, ReadParameters query) {
        return SubscriptionRequest.resolve(log, access, who, query);
    }

    private static ReadParameters read(String topics, String types, String record, String scope) {
        return new ReadParameters(topics, types, record, scope, null, null);
    }

    private static Authentication teacher(String tenant) {
        return Authentication.build("teacher-1", List.of("teacher"), Map.of("tenant", tenant));
    }

    private static Authentication member(String user, String tenant, List<String> groups) {
        return Authentication.build(user, List.of("member"), Map.of("tenant", tenant, "groups", groups));
    }

    private static void assertProblem(int status, String slug, Runnable call) {
        ProblemException e = assertThrows(ProblemException.class, call::run);
        assertEquals(status, e.problem().status(), e.getMessage());
        assertTrue(e.problem().type().endsWith(":" + slug), e.problem().type());
    }
}
