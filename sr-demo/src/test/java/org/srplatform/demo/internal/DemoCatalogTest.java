package org.srplatform.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.request.Severity;

class DemoCatalogTest {

    @Test
    void theDemoProductsOfTheApiContractEachHaveThreeDescribedCategoriesAndArticles() {
        assertEquals(Set.of("datacenter", "workstation", "fusion"),
                DemoCatalog.products().stream().map(Product::id).collect(Collectors.toSet()));
        for (Product p : DemoCatalog.products()) {
            assertTrue(p.categories().size() >= 3, p.id());
            p.categories().forEach(c -> assertFalse(c.description().isBlank(), c.id()));
            assertTrue(DemoCatalog.articles(Instant.EPOCH).stream().anyMatch(a -> a.product().equals(p.id())), p.id());
        }
    }

    @Test
    void datacenterIsStaffedAroundTheClockAndTheDesktopProductsOnPacificWeekdays() {
        assertTrue(DemoCatalog.products().get(0).supportHours().aroundTheClock());
        // Saturday noon in Los Angeles.
        assertFalse(DemoCatalog.desktopHours().isStaffedAt(Instant.parse("2026-11-28T20:00:00Z")));
        assertTrue(DemoCatalog.desktopHours().isStaffedAt(Instant.parse("2026-11-25T20:00:00Z")));
    }

    @Test
    void everyOfferingHasATargetForEverySeverity() {
        DemoCatalog.offerings().forEach(o -> {
            for (Severity s : Severity.values()) {
                assertTrue(o.target(s).isPresent(), o.id() + " " + s);
            }
        });
    }

    @Test
    void theDemoUsersAreThoseOfTheApiContract() {
        assertEquals(Set.of("customer1", "customer2", "engineer1", "duty1", "rem1", "escalation1", "admin1"),
                DemoData.USERS.stream().map(DemoData.DemoUser::login).collect(Collectors.toSet()));
    }
}
