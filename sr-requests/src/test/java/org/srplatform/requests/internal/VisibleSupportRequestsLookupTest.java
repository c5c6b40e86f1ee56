package org.srplatform.requests.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.srplatform.api.common.Actor;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.ResponseTargets;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.request.SearchText;
import org.srplatform.spi.request.SupportRequestChange;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.spi.request.SupportRequestTextIndex;
import org.srplatform.spi.request.TextMatches;

/** How SRs are looked up and searched for a caller: the store's queries, the index, the bounds of a search. */
class VisibleSupportRequestsLookupTest {
    private static final Instant OPENED = Instant.parse("2026-11-25T10:00:00Z");
    private final User customer1 = user("customer1", Role.CUSTOMER, Set.of("1001"));
    private final User customer2 = user("customer2", Role.CUSTOMER, Set.of("2002"));
    private final User engineer = user("engineer1", Role.SUPPORT_ENGINEER, Set.of());
    private final SrNumber number = SrNumber.of(2026, 1);
    private final RecordingRequests store = new RecordingRequests(details(number, "1001"));
    private final VisibleSupportRequests requests = new VisibleSupportRequests(store, null, null,
            Clock.fixed(OPENED, ZoneOffset.UTC));

    @Test
    void aCustomerLooksUpAnSrOnlyWithinTheirAccountsSoAnotherAccountsSrIsNeverLoaded() {
        // Before: the whole SR was loaded, then refused: measurably slower than a number that does not exist.
        assertEquals(Optional.empty(), requests.find(number, customer2));
        assertEquals(List.of(Set.of("2002")), store.lookedUpWithin);
        assertEquals(0, store.loadedWhole, "another account's SR is not loaded");

        assertEquals(number, requests.find(number, customer1).orElseThrow().request().number());
        assertEquals(Set.of("1001"), store.lookedUpWithin.get(1));
        assertEquals(0, store.loadedWhole);
    }

    @Test
    void staffLookUpAnySr() {
        assertEquals(number, requests.find(number, engineer).orElseThrow().request().number());
        assertEquals(1, store.loadedWhole);
        assertEquals(List.of(), store.lookedUpWithin);
    }

    @Test
    void aSearchOfThreeHundredWordsIsRefusedNamingQBeforeTheStoreIsAsked() {
        String words = String.join(" ", Collections.nCopies(300, "latency"));
        ValidationException e = assertThrows(ValidationException.class,
                () -> requests.search(text(words), PageRequest.first(), customer1));
        assertEquals("q", e.errors().get(0).field());
        assertTrue(e.getMessage().contains("at most " + SearchText.MAX_WORDS + " words and " + SearchText.MAX_CHARS
                + " characters"), e.getMessage());
        assertEquals(List.of(), store.searches, "nothing was searched");
    }

    @Test
    void theIndexAnswersTheWordsWithinTheCustomersAccountsAndTheStoreFiltersTheRest() {
        List<Set<String>> indexAsked = new ArrayList<>();
        TextMatches matches = (before, max) -> List.of(number);
        requests.index = (text, accounts) -> {
            indexAsked.add(accounts);
            return Optional.of(matches);
        };
        requests.search(text("latency upgrade"), PageRequest.first(), customer1);

        assertEquals(List.of(Set.of("1001")), indexAsked);
        assertEquals(List.of("index"), store.searches);
        assertEquals(Set.of("1001"), store.queries.get(0).accounts(), "the store keeps the caller's accounts too");
    }

    @Test
    void whileTheIndexIsBuildingTheStoreSearchesTheWordsItself() {
        requests.index = (text, accounts) -> Optional.empty();
        requests.search(text("latency"), PageRequest.first(), engineer);
        requests.index = null; // sr-search stopped
        requests.search(text("latency"), PageRequest.first(), engineer);
        assertEquals(List.of("store", "store"), store.searches);
    }

    private static SupportRequestQuery text(String q) {
        return new SupportRequestQuery(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), Optional.of(q));
    }

    private static User user(String login, Role role, Set<String> accounts) {
        return new User(login, login, Set.of(role), Optional.empty(), Optional.empty(), accounts, false);
    }

    private static SupportRequestDetails details(SrNumber number, String account) {
        return new SupportRequestDetails(new SupportRequest(number, account, "datacenter", "performance", Severity.S3,
                SrStatus.NEW, "Slow", "slow", List.of(), ContactMethod.EMAIL, Optional.empty(), "customer1",
                IntakeChannel.WEB, Optional.empty(), OPENED, OPENED, new ResponseTargets(OPENED.plusSeconds(3600),
                        Optional.empty(), Optional.empty(), Optional.empty()), false, 1),
                List.of(), List.of(TimelineEntry.of(OPENED, new Actor("customer1", "C"), "CREATED", "opened", java.util.Map.of())));
    }

    /** One SR; records how it is looked up and searched. */
    private static final class RecordingRequests implements SupportRequestRepository {
        private final SupportRequestDetails sr;
        int loadedWhole;
        final List<Set<String>> lookedUpWithin = new ArrayList<>();
        final List<String> searches = new ArrayList<>();
        final List<SupportRequestQuery> queries = new ArrayList<>();

        RecordingRequests(SupportRequestDetails sr) {
            this.sr = sr;
        }

        @Override
        public Optional<SupportRequestDetails> find(SrNumber n) {
            loadedWhole++;
            return Optional.of(sr).filter(s -> s.request().number().equals(n));
        }

        @Override
        public Optional<SupportRequestDetails> find(SrNumber n, Set<String> accounts) {
            lookedUpWithin.add(accounts);
            return Optional.of(sr).filter(s -> s.request().number().equals(n) && accounts.contains(s.request().account()));
        }

        @Override
        public Page<SupportRequest> search(SupportRequestQuery q, PageRequest p) {
            searches.add("store");
            queries.add(q);
            return Page.last(List.of());
        }

        @Override
        public Page<SupportRequest> search(SupportRequestQuery q, TextMatches matches, PageRequest p) {
            searches.add("index");
            queries.add(q);
            return Page.last(List.of());
        }

        @Override
        public SupportRequestDetails create(SupportRequestDraft d, TimelineEntry c, List<OutboundMessage> m) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SupportRequestDetails update(SrNumber n, SupportRequestChange change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SupportRequestDetails addAttachment(SrNumber n, AttachmentInfo a, TimelineEntry e) {
            throw new UnsupportedOperationException();
        }
    }
}
