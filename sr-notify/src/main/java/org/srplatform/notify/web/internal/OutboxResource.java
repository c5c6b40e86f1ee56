package org.srplatform.notify.web.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.Locale;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.security.Role;
import org.srplatform.spi.outbox.Outbox;
import org.srplatform.spi.outbox.OutboxEntry;
import org.srplatform.spi.outbox.OutboxState;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.PageView;
import org.srplatform.web.api.Paging;

/**
 * {@code /admin/outbox}: outbound messages by state, with attempts and the last error; a DEAD message back
 * to be sent. The store's outbox, so these answer while notifications are switched off too.
 */
@Component(service = OutboxResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Header(name = ApiV1.ENDPOINTS_HEADER, value = "notifications;paths:List<String>=\"GET admin/outbox,"
        + "POST admin/outbox/{id}/retry,GET mailbox\"")
@Path("admin/outbox")
@Produces(MediaType.APPLICATION_JSON)
public final class OutboxResource {

    /** One message as operators see it; {@code state} DEAD is the store's FAILED. */
    public record MessageView(long id, String type, String kind, String number, String destination, String state,
            int attempts, Instant createdAt, Instant dueAt, Instant nextAttemptAt, String lastError) {
        static MessageView of(OutboxEntry e) {
            return new MessageView(e.id(), e.message().type(), e.message().subject(),
                    e.message().request().map(SrNumber::toString).orElse(null), e.message().destination(),
                    e.state() == OutboxState.FAILED ? "DEAD" : e.state().name(), e.attempts(), e.createdAt(),
                    e.message().dueAt(), e.nextAttemptAt(), e.lastError().orElse(null));
        }
    }

    @Reference
    private Outbox outbox;

    @GET
    public PageView<MessageView> list(@QueryParam("state") String state, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        Callers.withRole(security, Role.ADMINISTRATOR);
        OutboxState s = state(state);
        int max = Paging.of(limit, null).limit();
        return PageView.all(outbox.list(s, max).stream().map(MessageView::of).toList());
    }

    @POST
    @Path("{id}/retry")
    public MessageView retry(@PathParam("id") String id, @Context SecurityContext security) {
        Callers.withRole(security, Role.ADMINISTRATOR);
        long n;
        try {
            n = Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw new NotFoundException("No outbox message " + id + ".");
        }
        return MessageView.of(outbox.retry(n));
    }

    private static OutboxState state(String state) {
        if (state == null || state.isBlank()) {
            return OutboxState.PENDING;
        }
        String s = state.strip().toUpperCase(Locale.ROOT);
        if (s.equals("DEAD") || s.equals("FAILED")) {
            return OutboxState.FAILED;
        }
        try {
            return OutboxState.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(FieldError.of("state", "is one of PENDING, SENDING, SENT, DEAD"));
        }
    }
}
