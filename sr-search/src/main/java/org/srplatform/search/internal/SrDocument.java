package org.srplatform.search.internal;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;

/**
 * One SR in the index: its number (the key, a range and the sort order: newest first), its account (a
 * filter), and its subject, description and tags as text. Nothing is stored but the number: the store
 * answers the SR itself, so the index holds no copy of what a customer wrote.
 */
final class SrDocument {
    static final String ID = "id";
    static final String NUMBER = "number";
    static final String ACCOUNT = "account";
    /** Stemmed terms. */
    static final String TEXT = "text";
    /** Terms as written, for prefixes. */
    static final String WORDS = "words";
    /**
     * The version of these fields and their analyzers, kept in each commit of the index: bump it with any
     * change of them, so that an index written the old way is rebuilt at the next start.
     */
    static final String FORMAT = "1";
    /**
     * Words only: which SRs hold a term, not how often or where. Searches need every word somewhere and
     * sort by number, so frequencies, positions and norms (for scores and phrases) would be written and
     * merged for nothing.
     */
    private static final FieldType WORDS_ONLY = wordsOnly();

    private SrDocument() {
    }

    static Term idTerm(SrNumber number) {
        return new Term(ID, number.toString());
    }

    static Document of(SupportRequest sr) {
        Document doc = new Document();
        long number = sr.number().value();
        doc.add(new StringField(ID, sr.number().toString(), Field.Store.NO));
        doc.add(new LongPoint(NUMBER, number));
        doc.add(new NumericDocValuesField(NUMBER, number));
        doc.add(new StringField(ACCOUNT, sr.account(), Field.Store.NO));
        for (String field : new String[] {TEXT, WORDS}) {
            doc.add(new Field(field, sr.subject(), WORDS_ONLY));
            doc.add(new Field(field, sr.description(), WORDS_ONLY));
            for (String tag : sr.tags()) {
                doc.add(new Field(field, tag, WORDS_ONLY));
            }
        }
        return doc;
    }

    private static FieldType wordsOnly() {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setIndexOptions(IndexOptions.DOCS);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    /** The analyzers the index is written with: single CJK characters too. */
    static Analyzer indexAnalyzer() {
        return new PerFieldAnalyzerWrapper(new SrTextAnalyzer(false, true),
                Map.of(TEXT, new SrTextAnalyzer(true, true), WORDS, new SrTextAnalyzer(false, true)));
    }
}
