package org.srplatform.suggest.internal;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.suggest.Suggestion;

/**
 * How a knowledge article is kept in the index. Each searched text is indexed twice, once per
 * analyzer: {@code title} (English and other scripts) and {@code title_zh} (Chinese words).
 */
final class ArticleDocument {
    static final String ID = "id";
    static final String PRODUCT = "product";
    static final String CATEGORY = "category";
    static final String UPDATED = "updated";
    static final String URL = "url";
    static final String TITLE = "title";
    static final String TAGS = "tags";
    static final String SUMMARY = "summary";
    static final String BODY = "body";
    static final String CHINESE = "_zh";

    /** The searched texts and their weight: a word in the title says more than one in the body. */
    static final Map<String, Float> TEXT_BOOSTS = Map.of(TITLE, 3f, TAGS, 2f, SUMMARY, 1f, BODY, 1f);

    private ArticleDocument() {
    }

    static Term idTerm(String articleId) {
        return new Term(ID, articleId);
    }

    static Term productTerm(String productId) {
        return new Term(PRODUCT, productId);
    }

    /** The Chinese analyzer for the {@code _zh} fields, the English one for all others. */
    static Analyzer analyzer(Analyzer english, Analyzer chinese) {
        return new PerFieldAnalyzerWrapper(english, Map.of(TITLE + CHINESE, chinese, TAGS + CHINESE, chinese,
                SUMMARY + CHINESE, chinese, BODY + CHINESE, chinese));
    }

    static Document of(KnowledgeArticle article) {
        Document doc = new Document();
        doc.add(new StringField(ID, article.id(), Store.YES));
        doc.add(new StringField(PRODUCT, article.product(), Store.NO));
        article.category().ifPresent(c -> doc.add(new StringField(CATEGORY, c, Store.NO)));
        // for "most recently updated first" among equally good matches
        doc.add(new NumericDocValuesField(UPDATED, article.updatedAt().toEpochMilli()));
        doc.add(new StoredField(URL, article.url()));
        text(doc, TITLE, article.title(), true);
        text(doc, SUMMARY, article.summary(), true);
        text(doc, TAGS, String.join("\n", article.tags()), false);
        text(doc, BODY, article.body(), false);
        return doc;
    }

    static Suggestion suggestion(Document doc, float score) {
        return new Suggestion(doc.get(ID), doc.get(TITLE), doc.get(SUMMARY), doc.get(URL), score);
    }

    private static void text(Document doc, String field, String value, boolean stored) {
        doc.add(new TextField(field, value, stored ? Store.YES : Store.NO));
        doc.add(new TextField(field + CHINESE, value, Store.NO));
    }
}
