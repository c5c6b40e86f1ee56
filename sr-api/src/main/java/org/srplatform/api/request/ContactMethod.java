package org.srplatform.api.request;

/** How the customer wants to be reached; the first response must come this way. */
public enum ContactMethod {
    PHONE, EMAIL, BOTH;

    public boolean needsPhone() {
        return this != EMAIL;
    }
}
