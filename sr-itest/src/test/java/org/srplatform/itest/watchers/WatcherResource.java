package org.srplatform.itest.watchers;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.SrNumber;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.PageView;

/** {@code /watchers/{number}}: not part of the feature, so it answers 503 while the feature is off. */
@Path("watchers")
@Produces(MediaType.APPLICATION_JSON)
public final class WatcherResource {

    /** Set by SCR (a dynamic, optional field reference); null while the feature is off. */
    private volatile WatcherService watchers;

    public record WatchForm(String login) {
    }

    @POST
    @Path("{number}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response watch(@PathParam("number") String number, WatchForm form, @Context SecurityContext security) {
        var caller = Callers.staff(security);
        if (form == null || form.login() == null || form.login().isBlank()) {
            throw new ValidationException(FieldError.of("login", "is required: the user who follows the SR"));
        }
        var watcher = service().watch(parse(number), form.login().strip(), caller);
        return Response.created(URI.create(ApiV1.path("watchers/" + number))).entity(watcher).build();
    }

    @GET
    @Path("{number}")
    public PageView<WatcherService.Watcher> watchers(@PathParam("number") String number,
            @Context SecurityContext security) {
        return PageView.all(service().watchers(parse(number), Callers.of(security)));
    }

    private WatcherService service() {
        return FeatureUnavailableException.require(watchers, "watchers");
    }

    private static SrNumber parse(String number) {
        return SrNumber.parse(number).orElseThrow(() -> new NotFoundException("No SR " + number + "."));
    }
}
