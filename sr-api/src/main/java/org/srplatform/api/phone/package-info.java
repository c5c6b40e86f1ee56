/**
 * Phone support: messages left when every agent is busy, waiting in the callback queue.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.srplatform.api.phone;
