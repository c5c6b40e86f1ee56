package org.srplatform.store.internal.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.account.Account;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.ContractType;
import org.srplatform.api.account.FirstResponseTarget;
import org.srplatform.api.account.ResponseClock;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.Severity;
import org.srplatform.spi.store.StoreException;
import org.srplatform.spi.store.Transaction;
import org.srplatform.store.internal.cache.ReferenceCache;
import org.srplatform.store.internal.db.Database;
import org.srplatform.store.internal.db.PageCursor;
import org.srplatform.spi.store.Sql;

/** Accounts with their contracts, support offerings with their targets, and contacts, in SQL tables. */
@Component
public final class JdbcAccountRepository implements AccountRepository {

    private static final String ACCOUNT_COLUMNS = "SELECT account_number, name, customer_number, region FROM accounts";

    private final Database db;
    /** Every SR reads its account, offering and contacts: kept in memory, forgotten at each write here. */
    private final ReferenceCache cache = new ReferenceCache();

    @Activate
    public JdbcAccountRepository(@Reference Database db) {
        this.db = db;
    }

    @Override
    public Optional<Account> account(String number) {
        return cache.get("account", number, () -> db.read(c -> accounts(c, ACCOUNT_COLUMNS + " WHERE account_number = ?",
                number)).stream().findFirst());
    }

    @Override
    public Optional<Account> byCustomerNumber(String customerNumber) {
        return cache.get("customerNumber", customerNumber, () -> db.read(c -> accounts(c,
                ACCOUNT_COLUMNS + " WHERE customer_number = ?", customerNumber)).stream().findFirst());
    }

    @Override
    public boolean useIncident(Transaction tx, String account, String contractId) {
        tx.afterCommit(cache::changed); // the contract's count changed; before the commit the old one holds
        try (PreparedStatement s = tx.connection().prepareStatement("UPDATE support_contracts SET incidents_remaining ="
                + " incidents_remaining - 1 WHERE account_number = ? AND contract_id = ? AND contract_type = 'PER_INCIDENT'"
                + " AND incidents_remaining > 0")) {
            return Sql.bindAll(s, account, contractId).executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot use an incident of account " + account + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Page<Account> accounts(PageRequest page) {
        Optional<String> after = PageCursor.decode(page.cursor());
        List<Account> found = db.read(c -> {
            String query = db.dialect().limit(ACCOUNT_COLUMNS
                    + (after.isPresent() ? " WHERE account_number > ?" : "") + " ORDER BY account_number");
            List<Object> params = new ArrayList<>();
            after.ifPresent(params::add);
            params.add(page.limit() + 1); // one more tells whether there is a next page
            return accounts(c, query, params.toArray());
        });
        if (found.size() <= page.limit()) {
            return Page.last(found);
        }
        List<Account> items = found.subList(0, page.limit());
        return new Page<>(items, Optional.of(PageCursor.encode(items.get(items.size() - 1).number())));
    }

    @Override
    public void saveAccount(Account account) {
        changing(() -> db.inTransaction(c -> {
            writeAccount(c, db.dialect(), account);
            return null;
        }));
    }

    @Override
    public void saveAccount(Transaction tx, Account account) {
        tx.afterCommit(cache::changed);
        try {
            writeAccount(tx.connection(), tx.dialect(), account);
        } catch (SQLException e) {
            throw new StoreException("cannot save account " + account.number() + ": " + e.getMessage(), e);
        }
    }

    private static void writeAccount(Connection c, org.srplatform.spi.store.Dialect dialect, Account account)
            throws SQLException {
        dialect.upsert(c, "accounts", List.of("account_number"), List.of("name", "customer_number", "region"),
                List.of(account.number(), account.name(), account.customerNumber(), account.region()));
        try (PreparedStatement s = c.prepareStatement("DELETE FROM support_contracts WHERE account_number = ?")) {
            Sql.bindAll(s, account.number()).executeUpdate();
        }
        if (account.contracts().isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO support_contracts (account_number, list_index,"
                + " contract_id, product_id, offering_id, contract_type, valid_from, valid_until, incidents_remaining)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 0;
            for (SupportContract sc : account.contracts()) {
                Sql.bindAll(s, account.number(), i++, sc.id(), sc.product(), sc.offering(), sc.type(),
                        sc.validFrom(), sc.validUntil(), sc.incidentsRemaining()).addBatch();
            }
            s.executeBatch();
        }
    }

    /** Runs a write, then forgets what the cache holds (also when the write failed: it may have committed). */
    private void changing(Runnable write) {
        try {
            write.run();
        } finally {
            cache.changed();
        }
    }

    @Override
    public Optional<SupportOffering> offering(String id) {
        return cache.get("offering", id, () -> db.read(c -> offerings(c, id)).stream().findFirst());
    }

    @Override
    public List<SupportOffering> offerings() {
        return db.read(c -> offerings(c, null));
    }

    @Override
    public void saveOffering(SupportOffering offering) {
        changing(() -> db.inTransaction(c -> {
            writeOffering(c, db.dialect(), offering);
            return null;
        }));
    }

    @Override
    public void saveOffering(Transaction tx, SupportOffering offering) {
        tx.afterCommit(cache::changed);
        try {
            writeOffering(tx.connection(), tx.dialect(), offering);
        } catch (SQLException e) {
            throw new StoreException("cannot save offering " + offering.id() + ": " + e.getMessage(), e);
        }
    }

    private static void writeOffering(Connection c, org.srplatform.spi.store.Dialect dialect, SupportOffering offering)
            throws SQLException {
        dialect.upsert(c, "support_offerings", List.of("id"), List.of("name"), List.of(offering.id(), offering.name()));
        try (PreparedStatement s = c.prepareStatement("DELETE FROM first_response_targets WHERE offering_id = ?")) {
            Sql.bindAll(s, offering.id()).executeUpdate();
        }
        if (offering.targets().isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO first_response_targets"
                + " (offering_id, severity, within_ms, response_clock) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<Severity, FirstResponseTarget> t : offering.targets().entrySet()) {
                Sql.bindAll(s, offering.id(), t.getKey().level(), t.getValue().within().toMillis(),
                        t.getValue().clock()).addBatch();
            }
            s.executeBatch();
        }
    }

    @Override
    public List<Contact> contacts(String account) {
        return cache.get("contacts", account, () -> db.read(c -> contacts(c, "account_number", account)));
    }

    @Override
    public List<Contact> contactsOf(String login) {
        return cache.get("contactsOf", login, () -> db.read(c -> contacts(c, "login", login)));
    }

    @Override
    public void saveContact(Contact contact) {
        changing(() -> db.inTransaction(c -> {
            writeContact(c, db.dialect(), contact);
            return null;
        }));
    }

    @Override
    public void saveContact(Transaction tx, Contact contact) {
        tx.afterCommit(cache::changed);
        try {
            writeContact(tx.connection(), tx.dialect(), contact);
        } catch (SQLException e) {
            throw new StoreException("cannot save contact " + contact.login() + " of account " + contact.account()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void writeContact(Connection c, org.srplatform.spi.store.Dialect dialect, Contact contact)
            throws SQLException {
        dialect.upsert(c, "contacts", List.of("login", "account_number"),
                List.of("name", "email", "phone", "preferred", "language"),
                Arrays.asList(contact.login(), contact.account(), contact.name(), contact.email(),
                        contact.phone().orElse(null), contact.preferred(), contact.language()));
    }

    @Override
    public List<Contact> allContacts() {
        return db.read(c -> contacts(c, null, null));
    }

    /** Accounts from a query on the accounts table, with their contracts. */
    private static List<Account> accounts(Connection c, String query, Object... params) throws SQLException {
        record Row(String number, String name, String customerNumber, String region) {
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(query)) {
            try (ResultSet rs = Sql.bindAll(s, params).executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<SupportContract>> contracts = new HashMap<>();
        String in = String.join(", ", rows.stream().map(r -> "?").toList());
        try (PreparedStatement s = c.prepareStatement("SELECT account_number, product_id, offering_id, contract_type,"
                + " valid_from, valid_until, incidents_remaining, contract_id FROM support_contracts WHERE account_number IN ("
                + in + ") ORDER BY account_number, list_index")) {
            try (ResultSet rs = Sql.bindAll(s, rows.stream().map(Row::number).toArray()).executeQuery()) {
                while (rs.next()) {
                    contracts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new SupportContract(
                            rs.getString(8), rs.getString(2), rs.getString(3), ContractType.valueOf(rs.getString(4)),
                            Sql.localDate(rs, "valid_from"), Sql.localDate(rs, "valid_until"), rs.getInt(7)));
                }
            }
        }
        return rows.stream().map(r -> new Account(r.number(), r.name(), r.customerNumber(), r.region(),
                contracts.getOrDefault(r.number(), List.of()))).toList();
    }

    private static List<SupportOffering> offerings(Connection c, String id) throws SQLException {
        Map<String, Map<Severity, FirstResponseTarget>> targets = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT offering_id, severity, within_ms, response_clock"
                + " FROM first_response_targets" + (id == null ? "" : " WHERE offering_id = ?"))) {
            try (ResultSet rs = (id == null ? s : Sql.bindAll(s, id)).executeQuery()) {
                while (rs.next()) {
                    targets.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(Severity.class)).put(
                            Severity.of(rs.getInt(2)), new FirstResponseTarget(Duration.ofMillis(rs.getLong(3)),
                                    ResponseClock.valueOf(rs.getString(4))));
                }
            }
        }
        List<SupportOffering> offerings = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, name FROM support_offerings"
                + (id == null ? "" : " WHERE id = ?") + " ORDER BY id")) {
            try (ResultSet rs = (id == null ? s : Sql.bindAll(s, id)).executeQuery()) {
                while (rs.next()) {
                    offerings.add(new SupportOffering(rs.getString(1), rs.getString(2),
                            targets.getOrDefault(rs.getString(1), Map.of())));
                }
            }
        }
        return offerings;
    }

    private static List<Contact> contacts(Connection c, String column, String value) throws SQLException {
        List<Contact> contacts = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT login, account_number, name, email, phone, preferred,"
                + " language FROM contacts" + (column == null ? "" : " WHERE " + column + " = ?")
                + " ORDER BY login, account_number")) {
            try (ResultSet rs = (column == null ? s : Sql.bindAll(s, value)).executeQuery()) {
                while (rs.next()) {
                    contacts.add(new Contact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Sql.optionalString(rs, "phone"), ContactMethod.valueOf(rs.getString(6)), rs.getString(7)));
                }
            }
        }
        return List.copyOf(contacts); // cached: callers share it
    }
}
