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
 * &#64;Component(service = NotesResource.class) // one instance serves every request: keep it stateless
 * &#64;JakartarsResource
 * &#64;JakartarsApplicationSelect(ApiV1.SELECT)
 * &#64;Header(name = ApiV1.ENDPOINTS_HEADER, value = "notes;paths:List&lt;String&gt;=\"notes\"")
 * &#64;Path("notes")
 * public final class NotesResource { ... Callers.of(security) ... }
 * </pre>
 *
 * <h2>Endpoints of a stopped bundle</h2>
 * While a feature is disabled its resources stay and answer 503 themselves. While the bundle is
 * stopped (installed but not active) its resources are gone; so that clients still get 503 naming the
 * feature rather than 404 or 405, a bundle declares what it serves in the manifest header
 * {@value org.srplatform.web.api.ApiV1#ENDPOINTS_HEADER} ({@link org.srplatform.web.api.ApiV1#ENDPOINTS_HEADER}),
 * best with {@code @org.osgi.annotation.bundle.Header} on the resource class (bnd joins the values of
 * several classes with commas). The header has the OSGi manifest syntax (bnd's {@code Parameters}): one
 * clause per feature, the feature's id first, then the attribute {@code paths}, a list of endpoints below
 * {@code /api/v1}:
 *
 * <pre>
 * SR-Endpoints: intake;paths:List&lt;String&gt;="POST requests,GET requests/fields",
 *  intake;paths:List&lt;String&gt;="phone", attachments;paths:List&lt;String&gt;="requests/{number}/attachments"
 * </pre>
 *
 * <ul>
 * <li>{@code METHOD template} (as {@code POST requests}): that method on exactly that path; {@code HEAD}
 * goes with {@code GET};</li>
 * <li>{@code template} alone (as {@code phone}): that path and every path below it, any method;</li>
 * <li>a template's segments are literal, or {@code *} or {@code {name}} for any one segment.</li>
 * </ul>
 * A feature may have several clauses. When no running resource matches a request and an endpoint of a
 * bundle that is not {@code ACTIVE} does, the answer is the 503 problem of a disabled feature, naming
 * the clause's feature and saying the bundle is not running. Declare only what the bundle serves: a
 * prefix that covers another bundle's paths would turn that bundle's 404s into this feature's 503s while
 * this one is stopped.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.srplatform.web.api;
