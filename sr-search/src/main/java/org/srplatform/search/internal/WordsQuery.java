package org.srplatform.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.srplatform.api.request.SrNumber;
import org.srplatform.spi.request.SearchText;

/**
 * The Lucene query of a search: every word the user typed must be in the SR's subject, description or
 * tags, in any case, as a stem ("upgrades" finds "upgrade") or as the start of a word ("datast" finds
 * "datastore"). Thread-safe: the analyzers make a token stream per thread.
 */
final class WordsQuery implements java.io.Closeable {
    private final Analyzer stemmed = new SrTextAnalyzer(true, false);
    private final Analyzer plain = new SrTextAnalyzer(false, false);

    /** The query of the words, or empty when no word has a letter or digit (it can match nothing). */
    Optional<Query> words(SearchText text) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        boolean any = false;
        for (String word : text.words()) {
            List<String> stems = terms(stemmed, SrDocument.TEXT, word);
            List<String> starts = terms(plain, SrDocument.WORDS, word);
            if (stems.isEmpty() && starts.isEmpty()) {
                continue; // punctuation alone: not a word of the SR's text
            }
            BooleanQuery.Builder asStems = new BooleanQuery.Builder();
            stems.forEach(t -> asStems.add(new TermQuery(new Term(SrDocument.TEXT, t)), Occur.MUST));
            BooleanQuery.Builder asStarts = new BooleanQuery.Builder();
            starts.forEach(t -> asStarts.add(new PrefixQuery(new Term(SrDocument.WORDS, t)), Occur.MUST));
            all.add(new BooleanQuery.Builder().add(asStems.build(), Occur.SHOULD).add(asStarts.build(), Occur.SHOULD)
                    .setMinimumNumberShouldMatch(1).build(), Occur.MUST);
            any = true;
        }
        return any ? Optional.of(all.build()) : Optional.empty();
    }

    /** The words' query, only within the accounts (none: all) and below a number. */
    static Query within(Query words, Set<String> accounts, Optional<SrNumber> before) {
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(words, Occur.MUST);
        if (!accounts.isEmpty()) {
            q.add(new TermInSetQuery(SrDocument.ACCOUNT, accounts.stream().map(BytesRef::new).toList()), Occur.FILTER);
        }
        before.ifPresent(n -> q.add(LongPoint.newRangeQuery(SrDocument.NUMBER, Long.MIN_VALUE, n.value() - 1), Occur.FILTER));
        return q.build();
    }

    private static List<String> terms(Analyzer analyzer, String field, String word) {
        List<String> terms = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream(field, word)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string reader does not fail
        }
        return terms;
    }

    @Override
    public void close() {
        stemmed.close();
        plain.close();
    }
}
