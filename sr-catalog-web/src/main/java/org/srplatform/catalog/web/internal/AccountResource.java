package org.srplatform.catalog.web.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.api.account.Account;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.security.User;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.PageView;
import org.srplatform.web.api.Paging;

/** {@code GET /accounts}: a customer sees the accounts they belong to, staff see all. */
@Component(service = AccountResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Header(name = ApiV1.ENDPOINTS_HEADER, value = "accounts;paths:List<String>=\"accounts\"")
@Path("accounts")
@Produces(MediaType.APPLICATION_JSON)
public final class AccountResource {
    static final String FEATURE = "accounts";

    public record ContractView(String product, String offering, String type, String validFrom, String validUntil,
            Integer incidentsRemaining) {
        static ContractView of(SupportContract c) {
            return new ContractView(c.product(), c.offering(), c.type().name(), c.validFrom().toString(),
                    c.validUntil().toString(), c.type() == org.srplatform.api.account.ContractType.PER_INCIDENT
                            ? c.incidentsRemaining() : null);
        }
    }

    public record AccountView(String number, String name, String customerNumber, String region, List<ContractView> contracts) {
        static AccountView of(Account a) {
            return new AccountView(a.number(), a.name(), a.customerNumber(), a.region(),
                    a.contracts().stream().map(ContractView::of).toList());
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AccountRepository accounts;

    @GET
    public PageView<AccountView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context SecurityContext security) {
        User caller = Callers.of(security);
        AccountRepository repository = accounts();
        if (caller.isStaff()) {
            return PageView.of(repository.accounts(Paging.of(limit, cursor)), AccountView::of);
        }
        return PageView.all(caller.accounts().stream().sorted().map(repository::account).flatMap(Optional::stream)
                .map(AccountView::of).toList());
    }

    @GET
    @Path("{number}")
    public AccountView get(@PathParam("number") String number, @Context SecurityContext security) {
        User caller = Callers.of(security);
        return Optional.of(number).filter(caller::canSee).flatMap(accounts()::account).map(AccountView::of)
                .orElseThrow(() -> new NotFoundException("No account '" + number + "' is visible to you."));
    }

    private AccountRepository accounts() {
        return FeatureUnavailableException.require(accounts, FEATURE);
    }
}
