/**
 * Users, roles and the directory that authenticates them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.srplatform.api.security;
