package dev.eventline.stream.subscription;

import dev.eventline.schemas.catalog.Addressing;
import dev.eventline.schemas.envelope.Audience;
import java.util.Set;

/**
 * Who a subscription reads for: the subscriber's tenant, the audience entries that name it (its user
 * and its groups, {@link Audience#entriesOf}), and the groups a request narrowed it to ({@code
 * scope=group:<name>}). Immutable, thread-safe.
 *
 * @param tenant the subscriber's tenant (interned: the check at every event compares references)
 * @param addressedAs the entries an event's audience must hold one of to reach the subscriber
 * @param scope group entries ({@code group:<name>}, each one of the subscriber's groups) an event's
 *     audience must name one of; empty: no narrowing. A scoped read gets no tenant-wide events.
 */
public record Recipient(String tenant, Set<String> addressedAs, Set<String> scope) {

    /** Copies the sets; interns the tenant, as the log does for events' tenants. */
    public Recipient {
        tenant = tenant == null ? null : tenant.intern();
        addressedAs = Set.copyOf(addressedAs);
        scope = Set.copyOf(scope);
    }

    /** Whether an event of this tenant reaches the recipient, on a topic addressed by {@code addressing}. */
    boolean reaches(LogEvent event, Addressing addressing) {
        if (!scope.isEmpty() && !Audience.namesAny(event.audience(), scope)) {
            return false;
        }
        return Audience.reaches(event.audience(), addressing, addressedAs);
    }
}
