package org.srplatform.api.phone;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.srplatform.api.security.User;

/** The callback queue of phone support. Provided by the intake feature. */
@ProviderType
public interface CallbackQueue {

    /**
     * Takes a message; the callback is due 30 minutes later.
     *
     * @throws org.srplatform.api.common.ValidationException naming every missing or wrong field (an
     *         SR number that does not exist included)
     */
    PhoneMessage leave(PhoneMessageForm message, User takenBy);

    /** Messages not yet called back, soonest due (so most overdue) first. */
    List<PhoneMessage> waiting(int max, User caller);

    /**
     * Records the callback.
     *
     * @throws org.srplatform.api.common.NotFoundException for an unknown id
     * @throws org.srplatform.api.common.ConflictException when it was already called back
     */
    PhoneMessage calledBack(String id, User caller);
}
