package org.srplatform.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
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
import org.srplatform.api.security.User;
import org.srplatform.spi.audit.AuditChange;
import org.srplatform.spi.audit.AuditTrail;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.web.api.RequestBodies;

/** {@code /me}: who is signed in, and setting one's own password (the way out of a one-time password). */
@Component(service = MeResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiApplication.SELECT)
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {

    public record Me(String login, String displayName, List<String> roles, String email, String region,
            List<String> accounts, boolean mustChangePassword) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    // Optional, like every capability a resource needs: the endpoint exists from the start and answers
    // 503 until the store is up, instead of appearing late (a 404 meanwhile).
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserDirectory users;

    @Reference
    private CredentialCache cache;

    /** The platform's audit trail, when a bundle keeps one (sr-admin). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditTrail trail;

    static boolean isPasswordChange(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals("me/password") || p.equals("api/v1/me/password");
    }

    @GET
    public Me me(@Context SecurityContext security) {
        User u = SignedIn.of(security);
        return new Me(u.login(), u.displayName(), u.roles().stream().map(Enum::name).sorted().toList(), u.email().orElse(null),
                u.region().orElse(null), u.accounts().stream().sorted().toList(), u.mustChangePassword());
    }

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace your password (the only call a one-time password opens)")
    @ApiResponse(responseCode = "204", description = "Changed; sign in with the new password from now on")
    public Response changePassword(PasswordChange body, @Context SecurityContext security) {
        User u = SignedIn.of(security);
        PasswordChange change = RequestBodies.required(body);
        UserDirectory users = FeatureUnavailableException.require(this.users, "store");
        if (change.currentPassword() == null || users.authenticate(u.login(), change.currentPassword().toCharArray()).isEmpty()) {
            throw new ValidationException(FieldError.of("currentPassword", "is not your current password"));
        }
        if (change.newPassword() == null || change.newPassword().equals(change.currentPassword())) {
            throw new ValidationException(FieldError.of("newPassword", "is required and must differ from the current one"));
        }
        users.changePassword(u.login(), change.newPassword().toCharArray());
        cache.forget(u.login());
        AuditTrail t = trail;
        if (t != null) { // after the change: the password is changed whether or not this is written
            t.record(AuditChange.of(u.login(), "user.password-changed", "user:" + u.login(), null,
                    "{\"mustChangePassword\":false}"));
        }
        return Response.noContent().build();
    }
}
