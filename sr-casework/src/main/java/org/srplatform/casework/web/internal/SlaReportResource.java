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
 * {@code /reports/sla}: did we meet our targets. Not part of the feature, so that they answer 503 naming {@code casework} while it is off.
 */
@Component(service = SlaReportResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Path("reports")
@Produces(MediaType.APPLICATION_JSON)
public final class SlaReportResource {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SlaReport reports; // null while the feature is off

    @GET
    @Path("sla")
    public SlaReport.Report sla(@QueryParam("from") String from, @QueryParam("to") String to,
            @Context SecurityContext security) {
        Callers.staff(security);
        SlaReport service = require(reports);
        List<FieldError> errors = new ArrayList<>();
        Instant f = instant(from, "from", errors);
        Instant t = instant(to, "to", errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return service.report(f, t);
    }

    private static Instant instant(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(FieldError.of(field, "is required: an ISO-8601 instant such as 2026-11-01T00:00:00Z"));
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(FieldError.of(field, "is not an ISO-8601 instant such as 2026-11-01T00:00:00Z"));
            return null;
        }
    }


    private static <T> T require(T service) {
        return FeatureUnavailableException.require(service, CaseworkResource.FEATURE);
    }
}
