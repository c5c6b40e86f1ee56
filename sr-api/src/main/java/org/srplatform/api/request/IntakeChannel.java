package org.srplatform.api.request;

/** How an SR came in. */
public enum IntakeChannel {
    WEB, PHONE, API
}
