package dev.eventline.stream.subscription;

import java.util.List;

/**
 * Which events of its partitions a subscriber receives, applied identically to live and replayed
 * events: only its tenant's events, only those addressed to everyone or to its user, and only the
 * types and record it asked for.
 *
 * @param tenant the subscriber's tenant
 * @param user the subscriber's user id
 * @param types exact types ({@code file.progress}) or prefixes ending in a dot ({@code file.}); empty: all
 * @param recordId only events about this record, or null for all
 */
public record EventFilter(String tenant, String user, List<String> types, String recordId) {

    /** Copies the type list; interns the tenant, as the log does for events' tenants. */
    public EventFilter {
        types = List.copyOf(types);
        // The check below runs for every subscriber at every event: equal interned strings are the
        // same object, so the common case never reads this subscriber's string from memory.
        tenant = tenant == null ? null : tenant.intern();
    }

    /** Whether the subscriber gets this event. */
    public boolean allows(LogEvent event) {
        if (!tenant.equals(event.tenant())) {
            return false;
        }
        if (!event.audience().isEmpty() && !event.audience().contains(user)) {
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
}
