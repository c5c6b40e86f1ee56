package org.srplatform.web.api;

/** The platform's REST application, as resources and extensions of any bundle select it. */
public final class ApiV1 {

    /** {@code osgi.jakartars.name} of the application. */
    public static final String NAME = "sr-api-v1";

    /** The filter a resource or extension selects the application with. */
    public static final String SELECT = "(osgi.jakartars.name=" + NAME + ")";

    /** The application's base, below the whiteboard's context path. */
    public static final String BASE = "api/v1";

    /**
     * The manifest header in which a capability's bundle declares the endpoints it serves, so that they
     * answer 503 naming its feature while the bundle is not running instead of 404; the format is
     * described in this package's documentation.
     *
     * @since 1.2
     */
    public static final String ENDPOINTS_HEADER = "SR-Endpoints";

    /** The absolute path of a resource of the application, for {@code Location} headers. */
    public static String path(String relative) {
        return "/" + BASE + "/" + relative;
    }

    private ApiV1() {
    }
}
