package org.srplatform.search.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

/**
 * What each commit of the index says about itself: the {@link SrDocument#FORMAT} it was written in, and
 * its watermark: every SR changed at or after it may be missing from the commit, every SR changed before
 * it is in it as changed. A commit without both (one written before this, or by another format) is not
 * caught up from: the index is rebuilt.
 */
final class IndexCommits {
    static final String FORMAT = "sr.search.format";
    static final String WATERMARK = "sr.search.watermark";

    private IndexCommits() {
    }

    /** The commit data of an index of this format with this watermark. */
    static Map<String, String> data(Instant watermark) {
        return Map.of(FORMAT, SrDocument.FORMAT, WATERMARK, watermark.toString());
    }

    /**
     * The watermark of the directory's last commit.
     *
     * @return empty when there is no index, or one this version does not catch up from
     * @throws IOException when there are index files but they cannot be read
     */
    static Optional<Instant> watermark(Directory directory) throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return Optional.empty();
        }
        Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
        String watermark = data.get(WATERMARK);
        if (!SrDocument.FORMAT.equals(data.get(FORMAT)) || watermark == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(watermark));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
