package dev.eventline.schemas.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one home of how a record's events fold into what a snapshot keeps of it: a deletion keeps
 * nothing; a {@link SnapshotRole#STATE} event keeps itself alone (marks annotate the state they
 * follow, so a new state starts over); a {@link SnapshotRole#MARK} event is added after what is kept,
 * in place of an earlier event of its own type. What is kept is in log order, state first, so a
 * reader that applies a snapshot's events in order ends where it would have live.
 *
 * <p>Works on any event representation (the caller says how to read its type). Immutable and
 * thread-safe.
 */
public final class RecordFold {

    private final Set<String> marks;

    private RecordFold(Set<String> marks) {
        this.marks = Set.copyOf(marks);
    }

    /** The fold of {@code catalog}'s event types. */
    public static RecordFold of(TopicCatalog catalog) {
        return new RecordFold(catalog.eventTypes().stream()
                .filter(type -> type.snapshot() == SnapshotRole.MARK)
                .map(EventTypeSpec::type)
                .collect(Collectors.toSet()));
    }

    /** Whether events of {@code type} are kept beside their record's state rather than replacing it. */
    public boolean isMark(String type) {
        return marks.contains(type);
    }

    /**
     * What is kept of a record after {@code next}, given what was kept before it ({@code kept}, in log
     * order, older than {@code next}; empty when nothing was). Returns a new list; empty means the
     * record is gone.
     */
    public <E> List<E> apply(List<E> kept, E next, Function<E, String> typeOf) {
        String type = typeOf.apply(next);
        if (EventTypeSpec.isDeletion(type)) {
            return List.of();
        }
        if (!isMark(type)) {
            return List.of(next);
        }
        List<E> folded = new ArrayList<>(kept.size() + 1);
        for (E event : kept) {
            if (!typeOf.apply(event).equals(type)) {
                folded.add(event);
            }
        }
        folded.add(next);
        return List.copyOf(folded);
    }
}
