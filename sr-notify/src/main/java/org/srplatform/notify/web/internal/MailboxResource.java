package org.srplatform.notify.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.SrNumber;
import org.srplatform.notify.internal.Mailbox;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.PageView;
import org.srplatform.web.api.Paging;

/** {@code /mailbox}: the messages the platform sent, kept readable in demo mode (staff). */
@Component(service = MailboxResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Path("mailbox")
@Produces(MediaType.APPLICATION_JSON)
public final class MailboxResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Mailbox mailbox;

    @GET
    @Operation(summary = "What the demo mailbox kept instead of sending, newest first")
    @ApiResponse(responseCode = "200", description = "The messages kept", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict",
            description = "This platform sends by e-mail: the mailbox keeps nothing")
    public PageView<Mailbox.Kept> list(@QueryParam("sr") String sr, @QueryParam("to") String to,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        Callers.staff(security);
        Mailbox box = FeatureUnavailableException.require(mailbox, "notifications");
        if (!box.keeping()) {
            throw new ConflictException("The mailbox keeps messages in demo mode only (or with mailbox = always in"
                    + " etc/org.srplatform.notify.cfg); this platform sends them by e-mail.");
        }
        Optional<SrNumber> number = Optional.empty();
        if (sr != null && !sr.isBlank()) {
            number = Optional.of(SrNumber.parse(sr.strip()).orElseThrow(() -> new ValidationException(
                    FieldError.of("sr", "an SR number has 11 digits"))));
        }
        return PageView.all(box.list(number, Optional.ofNullable(to).map(String::strip).filter(t -> !t.isEmpty()),
                Paging.of(limit, null).limit()));
    }
}
