package dev.eventline.schemas.envelope;

import dev.eventline.schemas.catalog.Addressing;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who an event reaches: the one home of the addressing rule, used by the emitter (what it accepts)
 * and by every read path of the stream (who gets what).
 *
 * <p>An audience entry is {@code user:<sub>} or {@code group:<name>}; any other entry is a user id,
 * as audiences were before groups ({@code "u-17"} is {@code user:u-17}). Group names are relative to
 * the tenant ({@code group:project:p-1}, {@code group:class:7b}) and come from the subscriber's token
 * (its groups claim). A subscriber receives an event exactly when it is of the subscriber's tenant and
 * a topic its roles allow, and either the event names no audience on a {@link Addressing#TENANT}
 * topic, or its audience names the subscriber or one of its groups. Stateless.
 */
public final class Audience {

    /** Prefix of an entry naming a user. */
    public static final String USER = "user:";

    /** Prefix of an entry naming a group. */
    public static final String GROUP = "group:";

    private Audience() {}

    /** Why {@code entry} is not an audience entry, or null when it is one. */
    public static String entryProblem(String entry) {
        String problem = EnvelopeRules.idProblem(entry);
        if (problem != null) {
            return problem;
        }
        if (entry.equals(USER) || entry.equals(GROUP)) {
            return "must name the " + entry.substring(0, entry.length() - 1) + " after '" + entry + "'";
        }
        return null;
    }

    /** Why {@code name} is not a group name (as an entry, within the id limits), or null when it is one. */
    public static String groupProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "must be a non-empty group name";
        }
        return EnvelopeRules.idProblem(GROUP + name);
    }

    /**
     * The entries that address a subscriber: its user id bare and as {@code user:<sub>}, and each of
     * its groups as {@code group:<name>}. An event reaches the subscriber when its audience holds any.
     */
    public static Set<String> entriesOf(String user, Collection<String> groups) {
        Set<String> entries = new HashSet<>();
        if (user != null) {
            entries.add(user);
            entries.add(USER + user);
        }
        groups.forEach(group -> entries.add(GROUP + group));
        return Set.copyOf(entries);
    }

    /**
     * Whether an event with {@code audience} on a topic addressed by {@code addressing} reaches a
     * subscriber addressed by {@code entries} ({@link #entriesOf}); tenant and role checked elsewhere.
     */
    public static boolean reaches(List<String> audience, Addressing addressing, Set<String> entries) {
        if (audience.isEmpty()) {
            return addressing == Addressing.TENANT;
        }
        return namesAny(audience, entries);
    }

    /** The names of the {@code group:<name>} entries among {@code entries}. */
    public static Set<String> groupsOf(Collection<String> entries) {
        Set<String> groups = new HashSet<>();
        for (String entry : entries) {
            if (entry.startsWith(GROUP)) {
                groups.add(entry.substring(GROUP.length()));
            }
        }
        return groups;
    }

    /** Whether {@code audience} holds any of {@code entries}. */
    public static boolean namesAny(List<String> audience, Set<String> entries) {
        for (String entry : audience) {
            if (entries.contains(entry)) {
                return true;
            }
        }
        return false;
    }
}
