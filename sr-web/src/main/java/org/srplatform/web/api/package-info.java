/**
 * How a bundle adds endpoints to the platform's {@code /api/v1} application: select it with
 * {@link org.srplatform.web.api.ApiV1#SELECT}, read the signed-in caller with
 * {@link org.srplatform.web.api.Callers}, and throw the domain exceptions of
 * {@code org.srplatform.api.common} (a {@code FeatureUnavailableException} for a switched-off feature):
 * the platform turns them into RFC 9457 problems. Lists answer {@link org.srplatform.web.api.PageView},
 * an SR answers {@link org.srplatform.web.api.SupportRequestView}; {@link org.srplatform.web.api.RequestBodies}
 * and {@link org.srplatform.web.api.SrNumbers} read bodies and SR numbers the way every endpoint does.
 *
 * <pre>
 * &#64;Component(service = NotesResource.class, scope = ServiceScope.PROTOTYPE)
 * &#64;JakartarsResource
 * &#64;JakartarsApplicationSelect(ApiV1.SELECT)
 * &#64;Path("notes")
 * public final class NotesResource { ... Callers.of(security) ... }
 * </pre>
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.srplatform.web.api;
