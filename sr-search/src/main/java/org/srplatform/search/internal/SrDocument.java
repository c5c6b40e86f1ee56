package org.srplatform.search.internal;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
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
            doc.add(new TextField(field, sr.subject(), Field.Store.NO));
            doc.add(new TextField(field, sr.description(), Field.Store.NO));
            for (String tag : sr.tags()) {
                doc.add(new TextField(field, tag, Field.Store.NO));
            }
        }
        return doc;
    }

    /** The analyzers the index is written with: single CJK characters too. */
    static Analyzer indexAnalyzer() {
        return new PerFieldAnalyzerWrapper(new SrTextAnalyzer(false, true),
                Map.of(TEXT, new SrTextAnalyzer(true, true), WORDS, new SrTextAnalyzer(false, true)));
    }
}
