package org.srplatform.spi.admin;

import java.io.InputStream;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Imports and exports the setup document ({@code docs/setup.schema.json}). Thread-safe.
 */
@ProviderType
public interface SetupTransfer {

    /**
     * Imports a setup document: every entry is checked first, and nothing is written unless all are right; then
     * what differs from the store is written in one transaction with its audit entries. Entries the document does
     * not name are kept. The same document twice writes nothing the second time.
     *
     * @param actor who imports (a login, {@code operator}, {@code demo}): the audit entries' actor
     * @throws org.srplatform.api.common.ValidationException naming every wrong entry by its place in the
     *         document ({@code accounts[3].region})
     */
    ImportResult importSetup(InputStream document, String actor);

    /** Writes the whole setup as one document (UTF-8 JSON), without passwords. */
    void exportSetup(OutputStream out);
}
