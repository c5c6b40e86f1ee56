package org.srplatform.spi.security;

import java.util.Objects;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The users whose password, roles, accounts or activation changed through any node on the store's database, for
 * whoever remembers something of a user on one node (sign-in's credential cache): {@link UserEvents} are posted on
 * the node that made the change only. The store counts the changes: each raises a revision, in the order they commit.
 * Thread-safe.
 *
 * @since 1.3
 */
@ProviderType
public interface UserChanges {

    /**
     * The revision now: a reader starts from it.
     *
     * @throws org.srplatform.spi.store.StoreException when the database cannot be read
     */
    long revision();

    /**
     * The users changed after a revision, and the revision this brings the reader to: every change up to it is in
     * {@link Changed#logins()} (a login may come again in the next read). One primary-key read when nothing changed.
     *
     * @throws org.srplatform.spi.store.StoreException when the database cannot be read
     */
    Changed since(long revision);

    /**
     * @param revision where the reader is now
     * @param logins   the users changed since where it was
     */
    record Changed(long revision, Set<String> logins) {
        public Changed {
            logins = Set.copyOf(Objects.requireNonNull(logins, "logins"));
        }
    }
}
