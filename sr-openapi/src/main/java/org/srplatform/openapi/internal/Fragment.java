package org.srplatform.openapi.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One bundle's description of the endpoints it serves: an OpenAPI document with the paths and the
 * components they use, read from {@code OSGI-INF/openapi/*.json} in the bundle.
 *
 * @param capability the tag and operation-id prefix of its operations ({@code org.srplatform.requests} gives
 *                   {@code requests}; another vendor's bundle keeps its symbolic name)
 * @param description the capability's tag's description: the bundle's name
 * @param source     where it was read, for warnings: bundle and entry
 * @param content    the document; never changed by the merge
 */
record Fragment(String capability, String description, String source, ObjectNode content) {
    private static final String PLATFORM_PREFIX = "org.srplatform.";

    static String capabilityOf(String symbolicName) {
        return symbolicName.startsWith(PLATFORM_PREFIX) ? symbolicName.substring(PLATFORM_PREFIX.length()) : symbolicName;
    }
}
