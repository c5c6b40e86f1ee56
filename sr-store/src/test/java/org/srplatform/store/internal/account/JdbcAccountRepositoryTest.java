package org.srplatform.store.internal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.account.Account;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.ContractType;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.store.internal.Fixtures;
import org.srplatform.store.internal.db.Database;

class JdbcAccountRepositoryTest {

    @TempDir
    Path dir;
    private Database db;
    private JdbcAccountRepository accounts;

    @BeforeEach
    void open() {
        db = Fixtures.openStore(dir);
        Fixtures.loadCatalog(db);
        accounts = new JdbcAccountRepository(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void accountsRoundTripWithTheirContracts() {
        assertEquals(Optional.of(Fixtures.acme()), accounts.account("1001"));
        assertEquals(Optional.of(Fixtures.acme()), accounts.byCustomerNumber("C1001"));
        assertEquals(Optional.of(Fixtures.globex()), accounts.account("2002"));
        assertEquals(Optional.empty(), accounts.account("3003"));
    }

    @Test
    void savingAnAccountAgainReplacesItsContracts() {
        Account renewed = new Account("1001", "Acme Corporation", "C1001", "EMEA", List.of(new SupportContract(
                "workstation", "production", ContractType.SUBSCRIPTION, LocalDate.of(2027, 1, 1),
                LocalDate.of(2027, 12, 31), 0)));
        assertEquals(Optional.of(Fixtures.acme()), accounts.account("1001"), "read (and kept in memory) first");
        assertEquals(Optional.of(Fixtures.acme()), accounts.byCustomerNumber("C1001"));
        accounts.saveAccount(renewed);
        assertEquals(Optional.of(renewed), accounts.account("1001"));
        assertEquals(Optional.of(renewed), accounts.byCustomerNumber("C1001"));
    }

    @Test
    void accountsArePagedByNumber() {
        for (int i = 0; i < 3; i++) {
            accounts.saveAccount(new Account("300" + i, "Company " + i, "C300" + i, "APJ", List.of()));
        }
        Page<Account> first = accounts.accounts(PageRequest.first(3));
        assertEquals(List.of("1001", "2002", "3000"), first.items().stream().map(Account::number).toList());
        Page<Account> second = accounts.accounts(new PageRequest(3, first.next()));
        assertEquals(List.of("3001", "3002"), second.items().stream().map(Account::number).toList());
        assertEquals(Optional.empty(), second.next());
    }

    @Test
    void offeringsRoundTripWithTheirTargets() {
        assertEquals(Optional.of(Fixtures.production()), accounts.offering("production"));
        SupportOffering basic = new SupportOffering("basic", "Basic", java.util.Map.of());
        assertEquals(Optional.empty(), accounts.offering("basic"));
        accounts.saveOffering(basic);
        assertEquals(Optional.of(basic), accounts.offering("basic"), "an offering unknown a moment ago");
        assertEquals(List.of(basic, Fixtures.production()), accounts.offerings());
    }

    @Test
    void contactsRoundTripPerAccountAndPerLogin() {
        Contact acme = new Contact("customer1", "1001", "Chen Wei 陈伟", "customer1@acme.example",
                Optional.of("+1 650 555 0100"), ContactMethod.PHONE);
        Contact globex = new Contact("customer1", "2002", "Chen Wei", "cw@globex.example", Optional.empty(),
                ContactMethod.EMAIL);
        accounts.saveContact(acme);
        accounts.saveContact(globex);
        assertEquals(List.of(acme, globex), accounts.contactsOf("customer1"));
        assertEquals(List.of(globex), accounts.contacts("2002"));
        Contact changed = new Contact("customer1", "2002", "Chen Wei", "chen@globex.example", Optional.empty(),
                ContactMethod.BOTH);
        accounts.saveContact(changed);

        assertEquals(List.of(acme), accounts.contacts("1001"));
        assertEquals(List.of(acme, changed), accounts.contactsOf("customer1"));
        assertEquals(List.of(changed), accounts.contacts("2002"));
        assertEquals(List.of(), accounts.contactsOf("nobody"));
    }

    /** Administration's writes join the caller's transaction: kept only if it commits, read fresh once it has. */
    @Test
    void writesInATransactionCommitWithItAndAreForgottenByTheCacheAfterwards() {
        var transactions = new org.srplatform.store.internal.request.StoreTransactions(db, java.time.Clock.systemUTC(),
                () -> null);
        assertEquals(Optional.of(Fixtures.acme()), accounts.account("1001"), "read (and kept in memory) first");
        Account renamed = new Account("1001", "Acme Corporation", "C1001", "EMEA", Fixtures.acme().contracts());
        var contact = new org.srplatform.api.account.Contact("pat", "1001", "Pat", "pat@acme.example", Optional.empty(),
                org.srplatform.api.request.ContactMethod.EMAIL, "de");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> transactions.inTransaction(tx -> {
            accounts.saveAccount(tx, renamed);
            accounts.saveContact(tx, contact);
            throw new IllegalStateException("the audit failed");
        }));
        assertEquals(Optional.of(Fixtures.acme()), accounts.account("1001"), "rolled back");
        assertEquals(List.of(), accounts.contactsOf("pat"));

        transactions.inTransaction(tx -> {
            accounts.saveAccount(tx, renamed);
            accounts.saveContact(tx, contact);
            return null;
        });
        assertEquals(Optional.of(renamed), accounts.account("1001"));
        assertEquals(List.of(contact), accounts.contactsOf("pat"));
        org.junit.jupiter.api.Assertions.assertTrue(accounts.allContacts().contains(contact));
    }
}
