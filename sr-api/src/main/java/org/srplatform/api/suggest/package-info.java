/**
 * Suggested resources shown while an SR is being written: the {@link org.srplatform.api.suggest.SuggestionProvider} SPI.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.srplatform.api.suggest;
