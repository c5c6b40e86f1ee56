package org.srplatform.api.common;

/**
 * The feature behind a call is disabled or its bundle is not running (HTTP 503). Callers that hold an
 * optional reference to a capability's service throw it when the reference is empty; see
 * {@link #require(Object, String)}.
 */
public class FeatureUnavailableException extends SrException {
    private static final long serialVersionUID = 1L;
    private final String feature;

    public FeatureUnavailableException(String feature) {
        super("The feature '" + feature + "' is disabled or not running; an administrator can enable it"
                + " with PUT /api/v1/admin/features/" + feature + " or 'sr:enable " + feature + "'.");
        this.feature = feature;
    }

    public String feature() {
        return feature;
    }

    @Override
    public String title() {
        return "Feature unavailable";
    }

    /**
     * Returns the service, or throws when the feature that provides it is off.
     *
     * @param service a dynamic optional reference, read once by the caller
     * @param feature the feature's id, named in the answer
     */
    public static <S> S require(S service, String feature) {
        if (service == null) {
            throw new FeatureUnavailableException(feature);
        }
        return service;
    }
}
