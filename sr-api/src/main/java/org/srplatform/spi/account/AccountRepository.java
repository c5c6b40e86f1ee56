package org.srplatform.spi.account;

import org.srplatform.api.account.Account;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.SupportContract;
import org.srplatform.spi.store.Transaction;
import org.srplatform.api.account.SupportOffering;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;

/** Accounts, contracts, offerings and contacts as kept by the store. Thread-safe. */
@ProviderType
public interface AccountRepository {

    Optional<Account> account(String number);

    Optional<Account> byCustomerNumber(String customerNumber);

    /** All accounts ordered by number. */
    Page<Account> accounts(PageRequest page);

    /** Creates or replaces an account with its contracts. */
    void saveAccount(Account account);

    Optional<SupportOffering> offering(String id);

    List<SupportOffering> offerings();

    void saveOffering(SupportOffering offering);

    /** The contacts of an account. */
    List<Contact> contacts(String account);

    /** The contact records of a user (one per account they belong to). */
    List<Contact> contactsOf(String login);

    void saveContact(Contact contact);

    /**
     * Gives up one incident of a per-incident contract in the caller's transaction (with the SR that uses
     * it): an SR that is not stored uses none, and two SRs cannot share the last one.
     *
     * @param contractId the contract's {@link SupportContract#id()}
     * @return false, changing nothing, when the contract has none left (or is not per-incident)
     * @since 1.1
     */
    boolean useIncident(Transaction tx, String account, String contractId);

    /**
     * Creates or replaces an account with its contracts in the caller's transaction (with the audit entry of the
     * change).
     *
     * @since 1.2 (a default that refuses, so that implementations made before compile unchanged)
     */
    default void saveAccount(Transaction tx, Account account) {
        throw new UnsupportedOperationException("AccountRepository does not support this");
    }

    /**
     * Creates or replaces an offering with its targets in the caller's transaction.
     *
     * @since 1.2
     */
    default void saveOffering(Transaction tx, SupportOffering offering) {
        throw new UnsupportedOperationException("AccountRepository does not support this");
    }

    /**
     * Creates or replaces a contact in the caller's transaction.
     *
     * @since 1.2
     */
    default void saveContact(Transaction tx, Contact contact) {
        throw new UnsupportedOperationException("AccountRepository does not support this");
    }

    /**
     * Every contact of every account, by login and account (the setup's export).
     *
     * @since 1.2
     */
    default List<Contact> allContacts() {
        throw new UnsupportedOperationException("AccountRepository does not support this");
    }
}
