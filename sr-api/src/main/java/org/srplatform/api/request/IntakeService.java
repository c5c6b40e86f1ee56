package org.srplatform.api.request;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.srplatform.api.security.User;

/**
 * Opens SRs: checks the form and the caller's entitlement, computes the confirmation and first-response
 * targets, and stores the SR with its confirmation message in one transaction. Provided by the intake
 * feature; absent while it is disabled.
 */
@ProviderType
public interface IntakeService {

    /**
     * @param caller  who submits: a customer for their own accounts, or staff
     * @param channel WEB or API for online intake, PHONE for an engineer on a call
     * @return the stored SR with its number and its first timeline entry
     * @throws org.srplatform.api.common.ValidationException naming every wrong field; nothing stored
     * @throws org.srplatform.api.common.NotAllowedException for an account without a valid contract for the product
     */
    SupportRequestDetails open(SupportRequestForm form, User caller, IntakeChannel channel);

    /**
     * Opens an SR at most once per key, for a client that retries after a timeout: a repeat with the same key by
     * the same caller within a day returns the SR that the first opened, never a second one.
     *
     * @param idempotencyKey chosen by the client, one per SR it means to open: 1 to 200 printable ASCII characters
     * @return the SR, with {@code repeated} set when an earlier call with this key opened it
     * @throws org.srplatform.api.common.ValidationException naming {@code Idempotency-Key} for a key out of those bounds,
     *                                                       and as {@link #open(SupportRequestForm, User, IntakeChannel)}
     * @throws org.srplatform.api.common.ConflictException when the caller used the key in the last day for another form
     * @since 1.2
     */
    OpenedRequest open(SupportRequestForm form, User caller, IntakeChannel channel, String idempotencyKey);

    /**
     * Help for every field of the SR form, in form order, for a UI's tooltips.
     *
     * @since 1.1
     */
    List<FieldHelp> fields();
}
