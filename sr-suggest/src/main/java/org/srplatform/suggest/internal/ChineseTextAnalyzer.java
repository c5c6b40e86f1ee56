package org.srplatform.suggest.internal;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Chinese word segmentation (smartcn's dictionary and HMM: 数据库延迟 becomes 数据库 / 延迟), keeping only
 * words written in Han: customers write Chinese too, and everything else is {@link EnglishTextAnalyzer}'s,
 * so that an English word is not counted twice.
 */
final class ChineseTextAnalyzer extends AnalyzerWrapper {
    private final SmartChineseAnalyzer smartcn = new SmartChineseAnalyzer();

    ChineseTextAnalyzer() {
        super(Analyzer.GLOBAL_REUSE_STRATEGY);
    }

    @Override
    protected Analyzer getWrappedAnalyzer(String fieldName) {
        return smartcn;
    }

    @Override
    protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
        return new TokenStreamComponents(components.getSource(), new HanWords(components.getTokenStream()));
    }

    @Override
    public void close() {
        super.close();
        smartcn.close();
    }

    private static final class HanWords extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        HanWords(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            for (int i = 0; i < term.length(); ) {
                int c = Character.codePointAt(term.buffer(), i, term.length());
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                    return true;
                }
                i += Character.charCount(c);
            }
            return false;
        }
    }
}
