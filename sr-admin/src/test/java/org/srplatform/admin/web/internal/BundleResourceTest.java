package org.srplatform.admin.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.srplatform.api.common.ValidationException;

class BundleResourceTest {
    @Test
    void everyFrameworkStateHasItsName() {
        assertEquals("INSTALLED", BundleResource.stateName(Bundle.INSTALLED));
        assertEquals("RESOLVED", BundleResource.stateName(Bundle.RESOLVED));
        assertEquals("STARTING", BundleResource.stateName(Bundle.STARTING));
        assertEquals("ACTIVE", BundleResource.stateName(Bundle.ACTIVE));
        assertEquals("STOPPING", BundleResource.stateName(Bundle.STOPPING));
        assertEquals("UNINSTALLED", BundleResource.stateName(Bundle.UNINSTALLED));
        assertEquals("UNKNOWN", BundleResource.stateName(3));
    }

    @Test
    void theStateFilterTakesAnyCaseAndNothingMeansEveryBundle() {
        assertEquals(Optional.of("ACTIVE"), BundleResource.state(" active "));
        assertEquals(Optional.empty(), BundleResource.state(null));
        assertEquals(Optional.empty(), BundleResource.state(" "));
    }

    @Test
    void aFilterThatIsNoStateIsRefusedNamingTheStates() {
        ValidationException e = assertThrows(ValidationException.class, () -> BundleResource.state("RUNNING"));
        assertEquals("state", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("ACTIVE"), e.errors().get(0).message());
    }
}
