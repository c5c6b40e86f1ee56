package org.srplatform.search.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;

/**
 * The Lucene side of the SR index: its writer, its searchers and its commits, each with a watermark
 * ({@link IndexCommits}). Writes come from one thread at a time; searches from any.
 */
final class SrIndex implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(SrIndex.class);
    private static final Sort NEWEST_FIRST = new Sort(new SortField(SrDocument.NUMBER, SortField.Type.LONG, true));

    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Optional<Instant> since;

    private SrIndex(Directory directory, Analyzer analyzer, OpenMode mode, Optional<Instant> since) throws IOException {
        // Committed only with a watermark (commit()): closing without one discards the changes since.
        IndexWriter w = new IndexWriter(directory,
                new IndexWriterConfig(analyzer).setOpenMode(mode).setCommitOnClose(false));
        try {
            searchers = new SearcherManager(w, null);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(w);
            throw e;
        }
        writer = w;
        this.since = since;
    }

    /**
     * {@code <data.dir>/search/requests}, readable by the platform's user only (it holds what customers
     * wrote); on the heap when there is no data folder or the folder cannot be used.
     */
    static Directory directory(String dataDir) {
        if (dataDir == null || dataDir.isBlank()) {
            return new ByteBuffersDirectory();
        }
        Path folder = Path.of(dataDir, "search", "requests");
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(folder,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(folder);
            }
            return FSDirectory.open(folder);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot keep the SR search index in {} ({}); it is kept in memory", folder, e.toString());
            return new ByteBuffersDirectory();
        }
    }

    /**
     * The directory's index as of its last commit, when that has a watermark of this format; otherwise an
     * empty index, to be rebuilt. An index that cannot be read is deleted: it is only a copy of the store,
     * and must not keep anyone from searching.
     *
     * @throws IOException when even an empty index cannot be opened, or another writer holds this one
     */
    static SrIndex open(Directory directory, Analyzer analyzer) throws IOException {
        try {
            Optional<Instant> since = IndexCommits.watermark(directory);
            if (since.isPresent()) {
                return new SrIndex(directory, analyzer, OpenMode.CREATE_OR_APPEND, since);
            }
        } catch (LockObtainFailedException e) {
            throw e; // another writer has it: not ours to delete
        } catch (IOException | RuntimeException e) {
            LOG.warn("The SR search index in {} cannot be read ({}); it is deleted and rebuilt", where(directory),
                    e.toString());
            deleteAll(directory);
        }
        return new SrIndex(directory, analyzer, OpenMode.CREATE, Optional.empty());
    }

    private static void deleteAll(Directory directory) {
        try {
            for (String file : directory.listAll()) {
                directory.deleteFile(file);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete the SR search index in {} ({}); it is overwritten", where(directory),
                    e.toString());
        }
    }

    private static Object where(Directory directory) {
        return directory instanceof FSDirectory fs ? fs.getDirectory() : "memory";
    }

    /** The watermark of the commit it was opened at; empty when it was opened empty, to be rebuilt. */
    Optional<Instant> since() {
        return since;
    }

    /** Adds an SR the index does not hold (a rebuild). */
    void add(SupportRequest sr) throws IOException {
        writer.addDocument(SrDocument.of(sr));
    }

    /** Adds or replaces an SR. */
    void put(SupportRequest sr) throws IOException {
        writer.updateDocument(SrDocument.idTerm(sr.number()), SrDocument.of(sr));
    }

    void delete(SrNumber number) throws IOException {
        writer.deleteDocuments(SrDocument.idTerm(number));
    }

    /** Makes the changes so far searchable. */
    void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Whether something changed since the last commit. */
    boolean changed() {
        return writer.hasUncommittedChanges();
    }

    /** Saves what is indexed: every SR changed before {@code watermark} is in it as changed. */
    void commit(Instant watermark) throws IOException {
        writer.setLiveCommitData(IndexCommits.data(watermark).entrySet());
        writer.commit();
    }

    /** The numbers of the SRs matching, newest first, as of the last refresh. */
    List<SrNumber> numbers(Query query, int max) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                ScoreDoc[] hits = searcher.search(query, Math.max(1, max), NEWEST_FIRST, false).scoreDocs;
                List<SrNumber> numbers = new ArrayList<>(hits.length);
                for (ScoreDoc hit : hits) {
                    numbers.add(new SrNumber((Long) ((FieldDoc) hit).fields[0]));
                }
                return numbers;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes it without a commit: what was not committed is discarded. */
    @Override
    public void close() {
        IOUtils.closeWhileHandlingException(searchers, writer);
    }
}
