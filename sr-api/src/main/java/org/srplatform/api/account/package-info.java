/**
 * Customer accounts, their support contracts and offerings (with first-response targets per severity) and their contacts.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.srplatform.api.account;
