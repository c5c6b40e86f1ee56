package org.srplatform.suggest.web.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
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
import org.srplatform.web.api.RequestBodies;
import org.srplatform.api.security.User;
import org.srplatform.suggest.internal.SolvedSuggestions;
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

    /** What a customer says about a suggested resource that ended their Get Support. */
    public record Solved(String product, String category) {
    }

    /** The store of "this solved it" answers; absent while the store is not up (503 naming it). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SolvedSuggestions solved;

    private static final java.util.regex.Pattern ARTICLE = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** "This solved it": the suggested resource ended the customer's Get Support; counted, nothing else happens. */
    @POST
    @Path("{id}/solved")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response solved(@PathParam("id") String id, Solved body, @Context SecurityContext security) {
        User caller = Callers.of(security);
        Solved form = RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        if (!ARTICLE.matcher(id).matches()) {
            errors.add(FieldError.of("id", "is not a suggestion's id (letters, digits, '.', '_', ':', '-'; at most 64)"));
        }
        Optional<Product> p = Optional.empty();
        if (form.product() == null || form.product().isBlank()) {
            errors.add(FieldError.of("product", "is required"));
        } else {
            p = FeatureUnavailableException.require(catalog, CATALOG).product(form.product());
            if (p.isEmpty()) {
                errors.add(FieldError.of("product", "unknown product '" + form.product() + "'"));
            }
        }
        Optional<String> category = Optional.ofNullable(form.category()).filter(c -> !c.isBlank());
        if (p.isPresent() && category.isPresent() && p.get().category(category.get()).isEmpty()) {
            errors.add(FieldError.of("category", "'" + category.get() + "' is not a category of " + p.get().id()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        FeatureUnavailableException.require(solved, "store").record(id, p.get().id(), category, caller.login(),
                java.time.Instant.now());
        return Response.noContent().build();
    }

    /** Staff: how often each suggested resource solved a problem, {@code from} (default 30 days ago) to {@code to} (now). */
    @GET
    @Path("solved")
    public PageView<SolvedSuggestions.Count> solvedCounts(@QueryParam("from") String from, @QueryParam("to") String to,
            @Context SecurityContext security) {
        Callers.staff(security);
        java.time.Instant end = instant(to, "to", java.time.Instant.now());
        java.time.Instant start = instant(from, "from", end.minus(java.time.Duration.ofDays(30)));
        return PageView.all(FeatureUnavailableException.require(solved, "store").counts(start, end));
    }

    private static java.time.Instant instant(String value, String field, java.time.Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return java.time.Instant.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new ValidationException(FieldError.of(field, "is not an ISO-8601 instant like 2026-11-24T09:30:00Z"));
        }
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
