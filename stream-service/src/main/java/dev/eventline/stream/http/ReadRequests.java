package dev.eventline.stream.http;

import dev.eventline.stream.auth.TopicAccess;
import dev.eventline.stream.subscription.StreamLog;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

/**
 * Checks and resolves the read requests of every endpoint (stream, JSON pages, snapshot) against the
 * log and the caller's access: {@link SubscriptionRequest#resolve} with its collaborators bound.
 * Blocking as that is; thread-safe.
 */
@Singleton
final class ReadRequests {

    private final StreamLog log;
    private final TopicAccess access;

    ReadRequests(StreamLog log, TopicAccess access) {
        this.log = log;
        this.access = access;
    }

    /** See {@link SubscriptionRequest#resolve}. */
    SubscriptionRequest resolve(Authentication authentication, ReadParameters query) {
        return SubscriptionRequest.resolve(log, access, authentication, query);
    }
}
