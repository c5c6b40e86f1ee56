/**
 * Collaboration with other vendors (TSANet, existing support contracts): the {@link org.srplatform.api.partner.PartnerConnector} SPI.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.srplatform.api.partner;
