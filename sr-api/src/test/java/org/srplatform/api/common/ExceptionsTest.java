package org.srplatform.api.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExceptionsTest {

    @Test
    void aMissingServiceIsAnUnavailableFeatureNamingIt() {
        FeatureUnavailableException e = assertThrows(FeatureUnavailableException.class,
                () -> FeatureUnavailableException.require(null, "intake"));
        assertEquals("intake", e.feature());
        assertTrue(e.getMessage().contains("sr:enable intake"));
        Object service = new Object();
        assertSame(service, FeatureUnavailableException.require(service, "intake"));
    }

    @Test
    void aValidationFailureNamesEveryField() {
        ValidationException e = new ValidationException(List.of(FieldError.of("severity", "must be 1-4"),
                FieldError.of("product", "unknown")));
        assertEquals(2, e.errors().size());
        assertThrows(IllegalArgumentException.class, () -> new ValidationException(List.of()));
    }

    @Test
    void aPageLimitOutsideOneTo500IsRefused() {
        assertThrows(ValidationException.class, () -> PageRequest.first(0));
        assertThrows(ValidationException.class, () -> PageRequest.first(501));
        assertEquals(500, PageRequest.first(500).limit());
    }
}
