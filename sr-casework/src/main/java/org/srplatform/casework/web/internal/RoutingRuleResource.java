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
 * {@code /routing-rules}: which queue a new SR goes to, first match wins. Not part of the feature, so that they answer 503 naming {@code casework} while it is off.
 */
@Component(service = RoutingRuleResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Path("routing-rules")
@Produces(MediaType.APPLICATION_JSON)
public final class RoutingRuleResource {
    public record RuleForm(String product, Integer severity, String region, String queue) {
    }

    public record RulesForm(List<RuleForm> rules) {
    }

    public record RuleView(String product, Integer severity, String region, String queue) {
        static RuleView of(QueueRouting.Rule r) {
            return new RuleView(r.product().orElse(null), r.severity().orElse(null), r.region().orElse(null), r.queue());
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile QueueRouting routing; // null while the feature is off

    @GET
    public PageView<RuleView> rules(@Context SecurityContext security) {
        Callers.staff(security);
        return PageView.all(require(routing).rules().stream().map(RuleView::of).toList());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public PageView<RuleView> replaceRules(RulesForm body, @Context SecurityContext security) {
        Callers.withRole(security, Role.ADMINISTRATOR);
        QueueRouting service = require(routing);
        RulesForm form = RequestBodies.required(body);
        if (form.rules() == null) {
            throw new ValidationException(FieldError.of("rules", "is required: the whole list, first match wins"));
        }
        List<QueueRouting.Rule> rules = new ArrayList<>();
        for (RuleForm r : form.rules()) {
            if (r == null) {
                throw new ValidationException(FieldError.of("rules", "has an empty entry"));
            }
            rules.add(new QueueRouting.Rule(0, blank(r.product()), Optional.ofNullable(r.severity()), blank(r.region()),
                    r.queue()));
        }
        return PageView.all(service.replaceRules(rules).stream().map(RuleView::of).toList());
    }

    private static Optional<String> blank(String s) {
        return Optional.ofNullable(s).map(String::strip).filter(v -> !v.isEmpty());
    }


    private static <T> T require(T service) {
        return FeatureUnavailableException.require(service, CaseworkResource.FEATURE);
    }
}
