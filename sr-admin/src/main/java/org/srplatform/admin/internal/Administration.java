package org.srplatform.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.account.Account;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.security.User;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.admin.ImportResult;
import org.srplatform.spi.audit.AuditChange;
import org.srplatform.spi.audit.AuditEntry;
import org.srplatform.spi.audit.AuditQuery;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.spi.store.Transactions;

/**
 * What administrators do, by API and shell: the setup document in and out, one entry at a time (each written as an
 * import of a one-entry document, so with the same checks and audit), one-time passwords, the audit trail. The
 * {@code administration} feature: switched off, its endpoints answer 503 (sign-in and feature audits go on).
 */
@Component(service = Administration.class, property = {"sr.feature=" + Administration.FEATURE,
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=" + Administration.FEATURE + ")))"})
public final class Administration {
    public static final String FEATURE = "administration";
    private static final int PASSWORD_LENGTH = 20;
    // No 0/O, 1/l/I: the administrator may read it out on the phone.
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final SetupImport setup;
    private final Transactions transactions;
    private final UserDirectory users;
    private final CatalogRepository catalog;
    private final AccountRepository accounts;
    private final JdbcAuditTrail audit;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public Administration(@Reference SetupImport setup, @Reference Transactions transactions,
            @Reference UserDirectory users, @Reference CatalogRepository catalog, @Reference AccountRepository accounts,
            @Reference JdbcAuditTrail audit) {
        this.setup = setup;
        this.transactions = transactions;
        this.users = users;
        this.catalog = catalog;
        this.accounts = accounts;
        this.audit = audit;
    }

    public ImportResult importSetup(InputStream document, User caller) {
        return setup.importSetup(document, caller.login());
    }

    public void exportSetup(OutputStream out) {
        setup.exportSetup(out);
    }

    public Page<AuditEntry> audit(AuditQuery query, PageRequest page) {
        return audit.entries(query, page);
    }

    // ------------------------------------------------------------------ one entry

    /**
     * Creates or replaces one entry of a section, named by the path: the body is the entry as the document holds it
     * (its key may be left out). Errors name the entry's fields without the document's place.
     */
    public ImportResult put(String section, String keyField, String key, JsonNode body, User caller) {
        if (body == null || !body.isObject()) {
            throw new ValidationException(FieldError.of("body", "must be a JSON object"));
        }
        ObjectNode entry = ((ObjectNode) body).deepCopy();
        JsonNode given = entry.get(keyField);
        if (given != null && !given.isNull() && !given.asText().equals(key)) {
            throw new ValidationException(FieldError.of(keyField, "must be the path's " + key + " (or left out)"));
        }
        entry.put(keyField, key);
        return putEntry(section, entry, caller);
    }

    /** Creates or replaces a contact of an account. */
    public ImportResult putContact(String account, String login, JsonNode body, User caller) {
        if (body == null || !body.isObject()) {
            throw new ValidationException(FieldError.of("body", "must be a JSON object"));
        }
        ObjectNode entry = ((ObjectNode) body).deepCopy();
        entry.put("account", account).put("login", login);
        return putEntry("contacts", entry, caller);
    }

    /** Creates or replaces one contract of an account (ending it is a new {@code validUntil}). */
    public ImportResult putContract(String number, String id, JsonNode body, User caller) {
        Account account = accounts.account(number).orElseThrow(() -> new NotFoundException("No account " + number + "."));
        if (body == null || !body.isObject()) {
            throw new ValidationException(FieldError.of("body", "must be a JSON object"));
        }
        ObjectNode contract = ((ObjectNode) body).deepCopy();
        contract.put("id", id);
        ObjectNode entry = SetupJson.account(account);
        replaceInArray((ArrayNode) entry.get("contracts"), "id", id, contract);
        return putEntry("accounts", entry, caller);
    }

    /** Creates or replaces one problem category of a product ({@code "active": false} deactivates it). */
    public ImportResult putCategory(String product, String id, JsonNode body, User caller) {
        var p = catalog.product(product).orElseThrow(() -> new NotFoundException("No product " + product + "."));
        if (body == null || !body.isObject()) {
            throw new ValidationException(FieldError.of("body", "must be a JSON object"));
        }
        ObjectNode category = ((ObjectNode) body).deepCopy();
        category.put("id", id);
        ObjectNode entry = SetupJson.product(setup.entry(p));
        replaceInArray((ArrayNode) entry.get("categories"), "id", id, category);
        return putEntry("products", entry, caller);
    }

    private static void replaceInArray(ArrayNode array, String keyField, String key, ObjectNode item) {
        for (int i = 0; i < array.size(); i++) {
            if (key.equals(array.get(i).path(keyField).asText())) {
                array.set(i, item);
                return;
            }
        }
        array.add(item);
    }

    private ImportResult putEntry(String section, ObjectNode entry, User caller) {
        ObjectNode root = SetupJson.MAPPER.createObjectNode();
        root.putArray(section).add(entry);
        SetupJson json = new SetupJson();
        Setup one = json.read(root);
        try {
            return setup.apply(one, json.errors(), caller.login());
        } catch (ValidationException e) {
            String prefix = section + "[0].";
            List<FieldError> errors = new ArrayList<>();
            for (FieldError f : e.errors()) {
                errors.add(FieldError.of(f.field().startsWith(prefix) ? f.field().substring(prefix.length()) : f.field(),
                        f.message()));
            }
            throw new ValidationException(errors);
        }
    }

    // ------------------------------------------------------------------ reading

    public ObjectNode user(String login) {
        return users.stored(login).map(SetupImport::entry).map(SetupJson::user)
                .orElseThrow(() -> new NotFoundException("No user " + login + "."));
    }

    public ArrayNode users() {
        ArrayNode out = SetupJson.MAPPER.createArrayNode();
        users.users().stream().map(SetupImport::entry).map(SetupJson::user).forEach(out::add);
        return out;
    }

    public ArrayNode products() {
        ArrayNode out = SetupJson.MAPPER.createArrayNode();
        setup.products().stream().map(SetupJson::product).forEach(out::add);
        return out;
    }

    public ArrayNode offerings() {
        ArrayNode out = SetupJson.MAPPER.createArrayNode();
        setup.offerings().stream().map(SetupJson::offering).forEach(out::add);
        return out;
    }

    public ArrayNode regions() {
        ArrayNode out = SetupJson.MAPPER.createArrayNode();
        setup.regions().stream().map(SetupJson::region).forEach(out::add);
        return out;
    }

    public Page<ObjectNode> accounts(PageRequest page) {
        Page<Account> found = accounts.accounts(page);
        return new Page<>(found.items().stream().map(SetupJson::account).toList(), found.next());
    }

    public ObjectNode account(String number) {
        return accounts.account(number).map(SetupJson::account)
                .orElseThrow(() -> new NotFoundException("No account " + number + "."));
    }

    public ArrayNode contacts(String number) {
        account(number);
        ArrayNode out = SetupJson.MAPPER.createArrayNode();
        accounts.contacts(number).stream().map(SetupJson::contact).forEach(out::add);
        return out;
    }

    // ------------------------------------------------------------------ passwords

    /**
     * Gives a user a one-time password (the one given, else a new random one): it opens nothing but
     * {@code PUT /me/password}, as the first administrator's does. Audited, never with the password.
     *
     * @return the password
     */
    public String oneTimePassword(String login, Optional<String> given, User caller) {
        if (users.stored(login).isEmpty()) {
            throw new NotFoundException("No user " + login + ".");
        }
        char[] password = given.filter(p -> !p.isEmpty()).map(String::toCharArray).orElseGet(this::randomPassword);
        transactions.inTransaction(tx -> {
            users.setOneTimePassword(tx, login, password);
            audit.record(tx, AuditChange.of(caller.login(), "user.one-time-password", "user:" + login, null,
                    "{\"mustChangePassword\":true}"));
            return null;
        });
        return new String(password);
    }

    private char[] randomPassword() {
        char[] p = new char[PASSWORD_LENGTH];
        for (int i = 0; i < p.length; i++) {
            p[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return p;
    }

    SetupImport setup() {
        return setup;
    }

    public static Optional<String> text(JsonNode body, String field) {
        return Optional.ofNullable(body).map(b -> b.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText);
    }
}
