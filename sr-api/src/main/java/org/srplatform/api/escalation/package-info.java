/**
 * Escalation lifecycle: request with pre-checks, acceptance by the regional escalation manager, action and communication plans, daily review, too slow, de-escalation.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.srplatform.api.escalation;
