/**
 * The product catalog: products with their support hours, problem categories and the knowledge articles offered as suggested resources.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.srplatform.api.catalog;
