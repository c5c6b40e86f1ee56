package org.srplatform.api.common;

/** The thing is unknown, or not visible to the caller (HTTP 404): the two are not told apart. */
public class NotFoundException extends SrException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Not found";
    }
}
