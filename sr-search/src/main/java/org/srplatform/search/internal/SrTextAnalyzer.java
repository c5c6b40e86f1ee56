package org.srplatform.search.internal;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How the SRs' text is cut into terms. Latin words in lower case, stemmed or not ("upgrades" finds
 * "upgrade" on the stemmed field, "datast" finds "datastore" as a prefix on the plain one); Chinese,
 * Japanese and Korean text in overlapping pairs of characters, so that 数据库 finds the SRs that contain
 * 数据库 and not every SR with 数 in it, as the store's substring search did, without a dictionary.
 * No stop words: every word the user types must be in the SR, as before.
 */
final class SrTextAnalyzer extends Analyzer {
    private static final int CJK = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
            | CJKBigramFilter.HANGUL;
    private static final NormalizeCharMap COLON_IS_SPACE = colonIsSpace();

    private final boolean stem;
    private final boolean singleCharacters;

    /**
     * @param stem             Porter stems (the {@code text} field) or words as written ({@code words})
     * @param singleCharacters also every CJK character alone: in the index, so that a search for one
     *                         character finds it; a search's own pairs are enough to match
     */
    SrTextAnalyzer(boolean stem, boolean singleCharacters) {
        this.stem = stem;
        this.singleCharacters = singleCharacters;
    }

    private static NormalizeCharMap colonIsSpace() {
        NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
        map.add(":", " ");
        return map.build();
    }

    /** Unicode word breaks keep "error:timeout" one word; logs pasted into SRs are full of them. */
    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new MappingCharFilter(COLON_IS_SPACE, reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream result = new CJKWidthFilter(source);
        result = new LowerCaseFilter(result);
        result = new CJKBigramFilter(result, CJK, singleCharacters);
        if (stem) {
            result = new EnglishPossessiveFilter(result);
            result = new PorterStemFilter(result);
        }
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(new CJKWidthFilter(in));
    }
}
