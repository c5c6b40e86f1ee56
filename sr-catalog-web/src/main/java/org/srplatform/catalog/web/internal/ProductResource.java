package org.srplatform.catalog.web.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.PageView;

/**
 * {@code GET /products}: the catalog a customer chooses from, with support hours and categories. What an administrator
 * deactivated is not offered: the list leaves deactivated products out, and every product shows its active categories
 * only; {@code GET /products/{id}} still answers for a deactivated product (SRs name it), with {@code "active": false}.
 */
@Component(service = ProductResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Header(name = ApiV1.ENDPOINTS_HEADER, value = "catalog;paths:List<String>=\"products\"")
@Path("products")
@Produces(MediaType.APPLICATION_JSON)
public final class ProductResource {
    static final String FEATURE = "catalog";

    public record ProductView(String id, String name, SupportHoursView supportHours, List<ProblemCategory> categories,
            boolean active) {
        static ProductView of(Product p, CatalogRepository catalog) {
            return new ProductView(p.id(), p.name(), SupportHoursView.of(p.supportHours()), p.categories().stream()
                    .filter(c -> catalog.categoryActive(p.id(), c.id())).toList(), catalog.productActive(p.id()));
        }
    }

    /** {@code type} is {@code 24x7} or {@code WEEKLY}; windows are local times in {@code timeZone}. */
    public record SupportHoursView(String type, String timeZone, List<WindowView> windows, List<String> holidays) {
        static SupportHoursView of(SupportHours h) {
            return new SupportHoursView(h.aroundTheClock() ? "24x7" : "WEEKLY", h.zone().getId(),
                    h.windows().stream().map(w -> new WindowView(w.day().name(), w.from().toString(), w.to().toString())).toList(),
                    h.holidays().stream().sorted().map(Object::toString).toList());
        }
    }

    public record WindowView(String day, String from, String to) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CatalogRepository catalog;

    @GET
    public PageView<ProductView> list(@Context SecurityContext security) {
        Callers.of(security);
        CatalogRepository catalog = catalog();
        return PageView.all(catalog.products().stream().filter(p -> catalog.productActive(p.id()))
                .map(p -> ProductView.of(p, catalog)).toList());
    }

    @GET
    @Path("{id}")
    public ProductView get(@PathParam("id") String id, @Context SecurityContext security) {
        Callers.of(security);
        CatalogRepository catalog = catalog();
        return catalog.product(id).map(p -> ProductView.of(p, catalog))
                .orElseThrow(() -> new NotFoundException("No product '" + id + "'; GET /api/v1/products lists them."));
    }

    private CatalogRepository catalog() {
        return FeatureUnavailableException.require(catalog, FEATURE);
    }
}
