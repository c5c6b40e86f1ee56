package org.srplatform.escalation.web.internal;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.srplatform.ui.testing.UiModuleFiles;

/** The escalations module's files as shipped: every text in both languages, no HTML parsed from strings, no inline style. */
class EscalationFilesTest {
    private final UiModuleFiles files = new UiModuleFiles("escalations", Path.of("src/main/resources/web/escalations"));

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
