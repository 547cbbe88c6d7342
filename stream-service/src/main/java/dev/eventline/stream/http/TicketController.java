package dev.eventline.stream.http;

import dev.eventline.problem.ProblemException;
import dev.eventline.stream.auth.StreamTickets;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

/** {@code POST /v1/stream/tickets}: a single-use ticket for opening one stream without headers. */
@Controller("/v1/stream/tickets")
@Secured(SecurityRule.IS_AUTHENTICATED)
public final class TicketController {

    private final StreamTickets tickets;

    /** Wires the endpoint. */
    public TicketController(StreamTickets tickets) {
        this.tickets = tickets;
    }

    /**
     * A ticket for the caller.
     *
     * @param ticket use as {@code /v1/stream?ticket=...}, once
     * @param expiresInSeconds validity
     */
    @Serdeable
    public record Ticket(String ticket, long expiresInSeconds) {}

    /** Issues a ticket; 403 when the caller authenticated with a ticket itself. */
    @Post(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Ticket> issue(Authentication authentication) {
        if (StreamTickets.isTicket(authentication)) {
            throw ProblemException.of(403, "ticket-for-ticket", "Forbidden", "a ticket cannot buy another ticket");
        }
        return HttpResponse.created(
                new Ticket(tickets.issue(authentication), tickets.lifetime().toSeconds()));
    }
}
