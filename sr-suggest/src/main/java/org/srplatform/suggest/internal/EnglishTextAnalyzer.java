package org.srplatform.suggest.internal;

import java.io.Reader;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * English analysis (stop words, Porter stems: "upgrading" finds "upgrade") for every script but Han.
 * Han ideographs are left to {@link ChineseTextAnalyzer}: the standard tokenizer would cut them into
 * single characters, and a query for 数据库 would then match any text that has 数 in it.
 */
final class EnglishTextAnalyzer extends Analyzer {
    private static final Set<String> HAN = Set.of(StandardTokenizer.TOKEN_TYPES[StandardTokenizer.IDEOGRAPHIC]);
    private final NormalizeCharMap colonIsSpace = colonIsSpace();

    private static NormalizeCharMap colonIsSpace() {
        NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
        map.add(":", " ");
        return map.build();
    }

    /** Unicode word breaks keep "error:timeout" one word (a colon joins Swedish words); logs are full of them. */
    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new MappingCharFilter(colonIsSpace, reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream result = new TypeTokenFilter(source, HAN);
        result = new EnglishPossessiveFilter(result);
        result = new LowerCaseFilter(result);
        result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }
}
