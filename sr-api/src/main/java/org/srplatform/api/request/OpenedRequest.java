package org.srplatform.api.request;

import java.util.Objects;

/**
 * What opening an SR under an idempotency key gave.
 *
 * @param request  the SR: the one this call opened, or the one an earlier call with the same key opened
 * @param repeated whether an earlier call with the same key opened it (nothing new was stored)
 * @since 1.2
 */
public record OpenedRequest(SupportRequestDetails request, boolean repeated) {
    public OpenedRequest {
        Objects.requireNonNull(request, "request");
    }
}
