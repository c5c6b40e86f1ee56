package org.srplatform.spi.request;

import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A full-text index of the SRs' subjects, descriptions and tags, kept up to date from the committed SR
 * changes. It answers which SRs match the words; the store applies every other filter and the caller's
 * accounts, so a match the index holds out of date never shows an SR to someone who may not see it.
 *
 * <p>Thread-safe. Right after a change commits the index may lag behind for a moment.
 *
 * @since 1.1
 */
@ProviderType
public interface SupportRequestTextIndex {

    /**
     * The SRs whose subject, description or tags hold every word of {@code text}.
     *
     * @param text     the words, within {@link SearchText}'s bounds
     * @param accounts only SRs of these accounts; empty for every account
     * @return empty while the index is being built (the caller searches the store itself then)
     */
    Optional<TextMatches> matching(SearchText text, Set<String> accounts);
}
