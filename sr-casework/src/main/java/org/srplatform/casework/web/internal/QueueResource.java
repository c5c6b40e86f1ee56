package org.srplatform.casework.web.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.casework.internal.Casework;
import org.srplatform.casework.internal.QueueRouting;
import org.srplatform.casework.internal.SlaReport;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.PageView;
import org.srplatform.web.api.RequestBodies;
import org.srplatform.web.api.SrNumbers;
import org.srplatform.web.api.SupportRequestView;

/**
 * {@code /queues}: the queues SRs are routed to (internal: customers never see them). Not part of the feature, so that they answer 503 naming {@code casework} while it is off.
 */
@Component(service = QueueResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Path("queues")
@Produces(MediaType.APPLICATION_JSON)
public final class QueueResource {
    public record QueueForm(String name, Boolean active) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile QueueRouting routing; // null while the feature is off

    @GET
        public PageView<QueueRouting.Queue> queues(@Context SecurityContext security) {
        Callers.staff(security);
        return PageView.all(require(routing).queues());
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public QueueRouting.Queue saveQueue(@PathParam("id") String id, QueueForm body, @Context SecurityContext security) {
        Callers.withRole(security, Role.ADMINISTRATOR);
        QueueRouting service = require(routing);
        QueueForm form = RequestBodies.required(body);
        return service.saveQueue(new QueueRouting.Queue(id, form.name(), form.active() == null || form.active()));
    }


    private static <T> T require(T service) {
        return FeatureUnavailableException.require(service, CaseworkResource.FEATURE);
    }
}
