package org.srplatform.suggest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.event.CatalogEvents;
import org.srplatform.api.suggest.Suggestion;
import org.srplatform.api.suggest.SuggestionQuery;

class LuceneKnowledgeSuggestionsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final FakeCatalog catalog = new FakeCatalog();
    private LuceneKnowledgeSuggestions suggestions;

    @AfterEach
    void close() {
        if (suggestions != null) {
            suggestions.close();
        }
    }

    private static KnowledgeArticle article(String id, String product, String category, String title, String body,
            int day, String... tags) {
        return new KnowledgeArticle(id, product, Optional.ofNullable(category), title, "Summary of " + id, body,
                "https://kb.example.com/" + id, List.of(tags), T0.plusSeconds(day * 86_400L));
    }

    private LuceneKnowledgeSuggestions start(KnowledgeArticle... articles) {
        for (KnowledgeArticle a : articles) {
            catalog.saveArticle(a);
        }
        suggestions = new LuceneKnowledgeSuggestions(catalog);
        suggestions.awaitIndexed(); // the first index is built in the background
        return suggestions;
    }

    private List<String> ids(String product, String category, String text, int limit) {
        return suggestions.suggest(new SuggestionQuery(product, Optional.ofNullable(category), text, limit)).stream()
                .map(Suggestion::id).toList();
    }

    private List<String> ids(String product, String text) {
        return ids(product, null, text, 10);
    }

    private void changed(String topic, String id) {
        suggestions.handleEvent(new Event(topic, Map.of(CatalogEvents.ID, id)));
    }

    @Test
    void providerIsTheKnowledgeBase() {
        start();
        assertEquals("knowledge-base", suggestions.id());
    }

    @Test
    void neverSuggestsAnArticleOfAnotherProduct() {
        start(article("DC1", "datacenter", null, "Datastore latency", "Latency grows.", 1),
                article("WS1", "workstation", null, "Datastore latency in a guest", "Latency latency latency.", 2),
                article("WS2", "workstation", null, "Printing", "Nothing about it.", 3));

        assertEquals(List.of("DC1"), ids("datacenter", "datastore latency"));
        assertEquals(List.of("DC1"), ids("datacenter", ""));
        assertEquals(List.of("WS1"), ids("workstation", "latency"));
        assertEquals(List.of(), ids("fusion", ""));
    }

    @Test
    void articlesOfTheChosenCategoryComeFirst() {
        // same words, so only the category tells them apart
        start(article("PERF", "datacenter", "performance", "Slow datastore", "The datastore is slow.", 1),
                article("INST", "datacenter", "installation", "Slow datastore", "The datastore is slow.", 1));

        assertEquals(List.of("PERF", "INST"), ids("datacenter", "performance", "slow datastore", 10));
        assertEquals(List.of("INST", "PERF"), ids("datacenter", "installation", "slow datastore", 10));
    }

    @Test
    void aTitleMatchRanksAboveABodyMatch() {
        // the body match is indexed first and is newer, so neither order nor date explains the result
        start(article("BODY", "workstation", null, "Guest tools",
                "Before you consolidate a snapshot, stop the guest.", 9),
                article("TITLE", "workstation", null, "Snapshot consolidation needed",
                        "The disks of the virtual machine need to be merged.", 1));

        assertEquals(List.of("TITLE", "BODY"), ids("workstation", "snapshot"));
    }

    @Test
    void wordsOfTheTextFindArticlesByTagAndSummaryToo() {
        start(article("TAG", "fusion", null, "Approval prompt", "Allow it in settings.", 1, "kext"),
                article("OTHER", "fusion", null, "Shared folders", "Mount them.", 2));

        assertEquals(List.of("TAG"), ids("fusion", "kext"));
        assertEquals(List.of("OTHER"), ids("fusion", "other")); // its summary
    }

    @Test
    void englishWordFormsFindEachOther() {
        start(article("KB", "workstation", null, "Snapshot consolidation needed", "Merge the disks.", 1));

        assertEquals(List.of("KB"), ids("workstation", "consolidating snapshots"));
    }

    @Test
    void aProductWhoseArticlesCannotBeReadLeavesTheOthersSuggested() {
        catalog.saveArticle(article("BROKEN", "broken", null, "Latency", "Latency.", 1));
        catalog.saveArticle(article("KB", "datacenter", null, "Latency", "Latency.", 1));
        suggestions = new LuceneKnowledgeSuggestions(new FakeCatalog() {
            @Override
            public List<KnowledgeArticle> articles(String product) {
                if (product.equals("broken")) {
                    throw new IllegalStateException("store down for this product");
                }
                return catalog.articles(product);
            }

            @Override
            public List<org.srplatform.api.catalog.Product> products() {
                return catalog.products();
            }
        });

        assertEquals(List.of("KB"), ids("datacenter", "latency"));
        assertEquals(List.of(), ids("broken", "latency"));
    }

    @Test
    void emptyTextListsTheChosenCategoryFirstThenTheMostRecentlyUpdated() {
        start(article("OLD_PERF", "datacenter", "performance", "Old performance", "x", 1),
                article("NEW_PERF", "datacenter", "performance", "New performance", "x", 5),
                article("OLD_INST", "datacenter", "installation", "Old installation", "x", 2),
                article("NEW_INST", "datacenter", "installation", "New installation", "x", 8),
                article("NONE", "datacenter", null, "No category", "x", 6));

        assertEquals(List.of("NEW_PERF", "OLD_PERF", "NEW_INST", "NONE", "OLD_INST"),
                ids("datacenter", "performance", "", 10));
        assertEquals(List.of("NEW_INST", "NONE", "NEW_PERF", "OLD_INST", "OLD_PERF"),
                ids("datacenter", null, "  ", 10));
    }

    @Test
    void chineseTextFindsTheArticleWrittenInChinese() {
        start(article("EN", "datacenter", "performance", "Datastore latency after upgrading to 8.0",
                "After the upgrade, datastore latency rises until the storage adapter driver is updated.", 1),
                article("ZH", "datacenter", "performance", "升级到 8.0 后数据库延迟升高",
                        "升级以后，数据库的读写延迟明显增加。请更新存储适配器的驱动程序。", 2),
                article("ZH_OTHER", "datacenter", "installation", "安装失败：磁盘空间不足",
                        "安装程序报告磁盘空间不足，请清理日志目录，并检查证书的数字签名。", 3));

        // words, not characters: ZH_OTHER shares 数 (in 数字) with 数据库 and must not match
        assertEquals(List.of("ZH"), ids("datacenter", "数据库 延迟"));
        assertEquals(List.of("ZH"), ids("datacenter", "数据库延迟"));
        assertEquals("EN", ids("datacenter", "latency upgrade").get(0));
        assertFalse(ids("datacenter", "latency upgrade").contains("ZH_OTHER"));
        assertEquals(List.of("ZH_OTHER"), ids("datacenter", "磁盘空间"));
    }

    @Test
    void queryOperatorsInTheTextAreNoSyntax() {
        start(article("A", "datacenter", null, "Host does not fail over", "Network partition.", 1),
                article("B", "datacenter", null, "Upgrade fails", "Disk space.", 2));

        // nothing in it is a word: answered like an empty text, not with a parse error or an empty list
        assertEquals(List.of("B", "A"), ids("datacenter", "AND OR ( [ \" * ?"));
        assertEquals(List.of("A"), ids("datacenter", "over\" AND (partition OR [host*"));
        assertEquals(List.of("A"), ids("datacenter", "host:partition^10 ~2 \\ / ! && ||"));
    }

    @Test
    void aVeryLongTextIsAnsweredFromItsFirstWords() {
        start(article("LAT", "datacenter", null, "Datastore latency", "Latency grows.", 1),
                article("DISK", "datacenter", null, "Disk space", "Disk is full.", 2));
        StringBuilder text = new StringBuilder("latency of the datastore ");
        for (int i = 0; text.length() < 10 * 1024; i++) {
            // thousands of different words: one Lucene clause each would exceed its limit of 1024
            text.append("word").append(i).append(' ').append("字").append(i).append(' ');
        }

        assertEquals(List.of("LAT"), ids("datacenter", text.toString()));
    }

    @Test
    void aNewArticleIsFoundOnceItsChangeEventArrives() {
        start(article("OLD", "workstation", null, "Printing", "Printers.", 1));
        catalog.saveArticle(article("NEW", "workstation", null, "3D acceleration unavailable", "Update drivers.", 2));
        assertEquals(List.of(), ids("workstation", "acceleration"));

        changed(CatalogEvents.ARTICLE_CHANGED, "NEW");

        assertEquals(List.of("NEW"), ids("workstation", "acceleration"));
    }

    @Test
    void anEditedArticleIsFoundByItsNewTitleOnly() {
        start(article("KB", "workstation", null, "Printing fails", "Printers.", 1));
        catalog.saveArticle(article("KB", "workstation", null, "Scanner not detected", "Scanners.", 2));

        changed(CatalogEvents.ARTICLE_CHANGED, "KB");

        List<Suggestion> found = suggestions.suggest(new SuggestionQuery("workstation", Optional.empty(), "scanner", 5));
        assertEquals(1, found.size());
        assertEquals("Scanner not detected", found.get(0).title());
        assertEquals(List.of(), ids("workstation", "printing"));
        assertEquals(List.of("KB"), ids("workstation", "")); // replaced, not added twice
    }

    @Test
    void aRemovedArticleIsNoLongerSuggested() {
        start(article("GONE", "fusion", null, "Shared folders not visible", "Mount.", 1),
                article("STAYS", "fusion", null, "Shared folders are slow", "Cache.", 2));
        catalog.removeArticle("GONE");

        changed(CatalogEvents.ARTICLE_CHANGED, "GONE");

        assertEquals(List.of("STAYS"), ids("fusion", "shared folders"));
    }

    @Test
    void aProductChangeReindexesItsArticles() {
        start(article("A", "fusion", null, "Shared folders", "Mount.", 1),
                article("B", "fusion", null, "Boot Camp import", "Import.", 2));
        catalog.removeArticle("A");
        catalog.saveArticle(article("B", "fusion", null, "Boot Camp partition import", "Import.", 2));
        catalog.saveArticle(article("C", "fusion", null, "System extension approval", "Approve.", 3));

        changed(CatalogEvents.PRODUCT_CHANGED, "fusion");

        assertEquals(List.of("C", "B"), ids("fusion", ""));
        assertEquals(List.of("B"), ids("fusion", "partition"));
    }

    @Test
    void aChangeEventWithoutIdChangesNothing() {
        start(article("A", "fusion", null, "Shared folders", "Mount.", 1));
        catalog.removeArticle("A");

        suggestions.handleEvent(new Event(CatalogEvents.ARTICLE_CHANGED, Map.of()));

        assertEquals(List.of("A"), ids("fusion", ""));
    }

    @Test
    void noMoreThanTheLimitIsReturned() {
        KnowledgeArticle[] many = new KnowledgeArticle[12];
        for (int i = 0; i < many.length; i++) {
            many[i] = article("KB" + i, "datacenter", null, "Latency issue " + i, "Latency.", i);
        }
        start(many);

        assertEquals(3, ids("datacenter", null, "latency", 3).size());
        assertEquals(List.of("KB11", "KB10", "KB9"), ids("datacenter", null, "", 3));
        assertEquals(12, ids("datacenter", null, "", 50).size());
    }

    @Test
    void suggestionsCarryTheArticlesTitleSummaryUrlAndAScore() {
        start(article("KB1", "datacenter", null, "Datastore latency", "Latency grows.", 1));

        Suggestion s = suggestions.suggest(new SuggestionQuery("datacenter", Optional.empty(), "latency", 5)).get(0);

        assertEquals(new Suggestion("KB1", "Datastore latency", "Summary of KB1", "https://kb.example.com/KB1", s.score()), s);
        assertTrue(s.score() > 0, "score " + s.score());
    }

    @Test
    void afterDeactivationSuggestionsAreEmptyNotAnError() {
        start(article("KB1", "datacenter", null, "Datastore latency", "Latency grows.", 1));
        suggestions.close();

        assertEquals(List.of(), ids("datacenter", "latency"));
        changed(CatalogEvents.ARTICLE_CHANGED, "KB1"); // logged, not thrown
        suggestions = null;
    }
}
