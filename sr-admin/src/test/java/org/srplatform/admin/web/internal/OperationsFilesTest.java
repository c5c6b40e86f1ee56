package org.srplatform.admin.web.internal;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.srplatform.ui.testing.UiModuleFiles;

/** The operations module's files as shipped: every text in both languages, no HTML parsed from strings, no inline style. */
class OperationsFilesTest {
    private final UiModuleFiles files = new UiModuleFiles("operations", Path.of("src/main/resources/web/operations"));

    @Test
    void everyMessageIsInEnglishAndSimplifiedChinese() throws IOException {
        files.assertMessagesInBothLanguages();
    }

    @Test
    void everyLiteralMessageKeyTheCodeUsesExists() throws IOException {
        files.assertUsedKeysExist();
    }

    @Test
    void noScriptParsesStringsAsHtmlOrSetsInlineStyles() throws IOException {
        files.assertNoHtmlSinksOrInlineStyles();
    }
}
