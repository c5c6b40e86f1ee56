package org.srplatform.suggest.web.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.suggest.Suggestion;
import org.srplatform.api.suggest.SuggestionProvider;
import org.srplatform.api.suggest.SuggestionQuery;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.PageView;

/**
 * {@code GET /suggestions}: suggested resources for the product, category and text typed so far, from
 * every {@link SuggestionProvider} installed (a hot-deployed provider joins at once). Providers' scores
 * are not comparable, so their lists are interleaved rank by rank. Not part of the feature: with no
 * provider (the feature off) it answers 503 naming {@code suggestions}.
 */
@Component(service = SuggestionResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Header(name = ApiV1.ENDPOINTS_HEADER, value = "suggestions;paths:List<String>=\"suggestions\"")
@Path("suggestions")
@Produces(MediaType.APPLICATION_JSON)
public final class SuggestionResource {
    private static final Logger LOG = LoggerFactory.getLogger(SuggestionResource.class);
    private static final int DEFAULT_LIMIT = 10;
    /** The name a missing catalog is reported under (503), as by the catalog's own endpoints. */
    static final String CATALOG = "catalog";

    public record SuggestionView(String id, String title, String summary, String url) {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<SuggestionProvider> providers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CatalogRepository catalog;

    @GET
    public PageView<SuggestionView> suggest(@QueryParam("product") String product, @QueryParam("category") String category,
            @QueryParam("q") String text, @QueryParam("limit") String limit, @Context SecurityContext security) {
        Callers.of(security);
        int n = limit(limit);
        Product p = FeatureUnavailableException.require(catalog, CATALOG).product(product == null ? "" : product)
                .orElseThrow(() -> new ValidationException(FieldError.of("product",
                        product == null || product.isBlank() ? "is required" : "unknown product '" + product + "'")));
        if (category != null && !category.isBlank() && p.category(category).isEmpty()) {
            throw new ValidationException(FieldError.of("category", "'" + category + "' is not a category of " + p.id()));
        }
        List<SuggestionProvider> installed = providers;
        if (installed == null || installed.isEmpty()) {
            throw new FeatureUnavailableException("suggestions");
        }
        SuggestionQuery query = new SuggestionQuery(p.id(), Optional.ofNullable(category).filter(c -> !c.isBlank()),
                text == null ? "" : text, n);
        List<Iterator<Suggestion>> lists = new ArrayList<>();
        for (SuggestionProvider provider : installed) {
            try {
                lists.add(provider.suggest(query).iterator());
            } catch (RuntimeException e) {
                // One broken provider must not take the others' suggestions away.
                LOG.warn("Suggestion provider {} failed", provider.id(), e);
            }
        }
        Map<String, SuggestionView> merged = new LinkedHashMap<>();
        boolean more = true;
        while (more && merged.size() < n) {
            more = false;
            for (Iterator<Suggestion> it : lists) {
                if (it.hasNext() && merged.size() < n) {
                    Suggestion s = it.next();
                    merged.putIfAbsent(s.url(), new SuggestionView(s.id(), s.title(), s.summary(), s.url()));
                    more = true;
                }
            }
        }
        return PageView.all(List.copyOf(merged.values()));
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= 50) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ValidationException(FieldError.of("limit", "must be a number from 1 to 50"));
    }
}
