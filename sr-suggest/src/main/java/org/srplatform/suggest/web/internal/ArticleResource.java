package org.srplatform.suggest.web.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.ValidationException;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.PageView;
import org.srplatform.web.api.RequestBodies;

/** {@code /articles}: knowledge articles, read by everyone signed in, written by support staff. */
@Component(service = ArticleResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Header(name = ApiV1.ENDPOINTS_HEADER, value = "catalog;paths:List<String>=\"articles\"")
@Path("articles")
@Produces(MediaType.APPLICATION_JSON)
public final class ArticleResource {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public record ArticleForm(String product, String category, String title, String summary, String body, String url,
            List<String> tags) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CatalogRepository catalog;

    @GET
    public PageView<KnowledgeArticle> list(@QueryParam("product") String product, @Context SecurityContext security) {
        Callers.of(security);
        CatalogRepository repository = catalog();
        Product p = repository.product(product == null ? "" : product).orElseThrow(() -> new ValidationException(
                FieldError.of("product", product == null || product.isBlank() ? "is required" : "unknown product '" + product + "'")));
        return PageView.all(repository.articles(p.id()));
    }

    @GET
    @Path("{id}")
    public KnowledgeArticle get(@PathParam("id") String id, @Context SecurityContext security) {
        Callers.of(security);
        return catalog().article(id).orElseThrow(() -> new NotFoundException("No article '" + id + "'."));
    }

    /** Creates or replaces an article; suggestions pick the change up at once. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public KnowledgeArticle put(@PathParam("id") String id, ArticleForm body, @Context SecurityContext security) {
        Callers.staff(security);
        ArticleForm form = RequestBodies.required(body);
        CatalogRepository repository = catalog();
        List<FieldError> errors = new ArrayList<>();
        if (!ID.matcher(id).matches()) {
            errors.add(FieldError.of("id", "1-64 letters, digits, '.', '_' or '-'"));
        }
        Optional<Product> product = form.product() == null ? Optional.empty() : repository.product(form.product());
        if (product.isEmpty()) {
            errors.add(FieldError.of("product", form.product() == null ? "is required" : "unknown product '" + form.product() + "'"));
        } else if (form.category() != null && product.get().category(form.category()).isEmpty()) {
            errors.add(FieldError.of("category", "'" + form.category() + "' is not a category of " + product.get().id()));
        }
        text(form.title(), "title", 200, errors);
        text(form.summary(), "summary", 1000, errors);
        text(form.body(), "body", 200_000, errors);
        if (form.url() == null || !validUrl(form.url())) {
            errors.add(FieldError.of("url", "an http or https address is required"));
        }
        List<String> tags = form.tags() == null ? List.of() : form.tags();
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i) == null || tags.get(i).isBlank() || tags.get(i).length() > 50) {
                errors.add(FieldError.of("tags[" + i + "]", "must be 1 to 50 characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        KnowledgeArticle article = new KnowledgeArticle(id, form.product(), Optional.ofNullable(form.category()),
                form.title().strip(), form.summary().strip(), form.body(), form.url(), tags.stream().map(String::strip).toList(),
                Instant.now(Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1)) /* API times in milliseconds */));
        repository.saveArticle(article);
        return article;
    }

    private static void text(String value, String field, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(FieldError.of(field, "is required"));
        } else if (value.length() > max) {
            errors.add(FieldError.of(field, "is longer than " + max + " characters"));
        }
    }

    private static boolean validUrl(String url) {
        try {
            URI u = URI.create(url);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private CatalogRepository catalog() {
        return FeatureUnavailableException.require(catalog, SuggestionResource.CATALOG);
    }
}
