package org.srplatform.suggest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.srplatform.api.suggest.SuggestionQuery;

/**
 * Turns what the customer has chosen and typed into a Lucene query. The text is only analyzed into
 * words, never parsed as query syntax, so no user text can make a query fail: quotes, brackets,
 * AND/OR and wildcards are punctuation or stop words here.
 */
final class RelevanceQuery {
    /**
     * Words taken from the text, per analyzer. Lucene refuses queries of more than 1024 clauses, and
     * each word becomes one clause per text field; the first words of a description say most.
     */
    static final int MAX_WORDS = 48;
    /** Characters analyzed: a pasted log must not cost more than the ~100 ms the SPI allows. */
    static final int MAX_CHARS = 4096;
    /** Worth about a good word match: the chosen category is a strong hint but not the whole story. */
    static final float CATEGORY_BOOST = 2f;

    /** Best match first; among equals (always, for an empty text), the most recently updated. */
    static final Sort ORDER = new Sort(SortField.FIELD_SCORE,
            new SortField(ArticleDocument.UPDATED, SortField.Type.LONG, true));

    private final Analyzer english;
    private final Analyzer chinese;

    RelevanceQuery(Analyzer english, Analyzer chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    Query of(SuggestionQuery q) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        // a filter, not a score: an article of another product is never suggested
        query.add(new TermQuery(ArticleDocument.productTerm(q.product())), Occur.FILTER);
        q.category().ifPresent(c -> query.add(new BoostQuery(
                new ConstantScoreQuery(new TermQuery(new Term(ArticleDocument.CATEGORY, c))), CATEGORY_BOOST),
                Occur.SHOULD));
        String text = q.text().length() > MAX_CHARS ? q.text().substring(0, MAX_CHARS) : q.text();
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        int clauses = addWords(words, english, "", text) + addWords(words, chinese, ArticleDocument.CHINESE, text);
        if (clauses > 0) {
            // With words typed, an article must match at least one; without (empty text, or only
            // punctuation), the product's articles are the "most common issues" of the seed's step 4.
            query.add(words.build(), Occur.MUST);
        }
        return query.build();
    }

    private static int addWords(BooleanQuery.Builder words, Analyzer analyzer, String suffix, String text) {
        Set<String> terms = terms(analyzer, ArticleDocument.BODY + suffix, text);
        for (Map.Entry<String, Float> field : ArticleDocument.TEXT_BOOSTS.entrySet()) {
            for (String term : terms) {
                words.add(new BoostQuery(new TermQuery(new Term(field.getKey() + suffix, term)), field.getValue()),
                        Occur.SHOULD);
            }
        }
        return terms.size() * ArticleDocument.TEXT_BOOSTS.size();
    }

    private static Set<String> terms(Analyzer analyzer, String field, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (terms.size() < MAX_WORDS && tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return terms;
    }
}
