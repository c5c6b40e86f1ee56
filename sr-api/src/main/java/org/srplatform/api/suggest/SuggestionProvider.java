package org.srplatform.api.suggest;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Suggests resources (knowledge articles, community answers, a partner's documents) for what a
 * customer is writing. Register an implementation as an OSGi service; results of all providers are
 * merged. Called on a request thread while the customer types: answer within about 100 ms, and never
 * throw for a query you cannot answer (return an empty list). Thread-safe.
 *
 * @since 1.0
 */
@ConsumerType
public interface SuggestionProvider {

    /** Stable id of the provider ({@code knowledge-base}). */
    String id();

    /** Suggestions, best first, at most {@link SuggestionQuery#limit()}. */
    List<Suggestion> suggest(SuggestionQuery query);
}
