package dev.eventline.stream.subscription;

import dev.eventline.schemas.catalog.Addressing;
import java.util.List;
import java.util.Set;

/**
 * Which events of its partitions a subscriber receives, applied identically on every read path (live
 * delivery, resume, {@code GET /v1/events}, snapshots, ticket streams): only its tenant's events, only
 * those addressed to it ({@link Recipient}: the tenant as a whole on tenant-addressed topics, its user
 * or one of its groups), and only the types and record it asked for.
 *
 * @param recipient who reads: tenant, the entries naming it, the scope it narrowed to
 * @param audienceTopics the subscription's topics the catalog addresses by audience: an event there
 *     without an audience reaches nobody
 * @param types exact types ({@code file.progress}) or prefixes ending in a dot ({@code file.}); empty: all
 * @param recordId only events about this record, or null for all
 */
public record EventFilter(Recipient recipient, Set<String> audienceTopics, List<String> types, String recordId) {

    /** Copies the collections. */
    public EventFilter {
        audienceTopics = Set.copyOf(audienceTopics);
        types = List.copyOf(types);
    }

    /** The subscriber's tenant. */
    public String tenant() {
        return recipient.tenant();
    }

    /** Whether the subscriber gets this event. */
    public boolean allows(LogEvent event) {
        // Runs for every subscriber at every event: equal interned tenants are the same object, so the
        // common case never reads this subscriber's string from memory.
        if (!recipient.tenant().equals(event.tenant())) {
            return false;
        }
        if (!recipient.reaches(event, addressing(event))) {
            return false;
        }
        if (recordId != null && !recordId.equals(event.recordId())) {
            return false;
        }
        return allowsType(event.type());
    }

    /** Whether events of {@code type} pass the type filter (tenant and audience aside). */
    public boolean allowsType(String type) {
        return types.isEmpty() || types.stream().anyMatch(t -> t.endsWith(".") ? type.startsWith(t) : t.equals(type));
    }

    private Addressing addressing(LogEvent event) {
        return !audienceTopics.isEmpty()
                        && audienceTopics.contains(event.partition().topic())
                ? Addressing.AUDIENCE
                : Addressing.TENANT;
    }
}
