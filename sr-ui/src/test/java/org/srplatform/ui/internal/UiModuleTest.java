package org.srplatform.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UiModuleTest {

    @Test
    void aHeaderDeclaresModulesWithTheirAudience() {
        List<UiModule> modules = UiModule.parse("portal;audience=customer, operator;audience=staff, help", "org.example.b");
        assertEquals(List.of(new UiModule("portal", "customer", "org.example.b"), new UiModule("operator", "staff", "org.example.b"),
                new UiModule("help", "all", "org.example.b")), modules);
        assertEquals("/ui/portal/module.js", modules.get(0).entry());
        assertEquals("/ui/portal/", modules.get(0).base());
    }

    @Test
    void badNamesAudiencesAndAttributesAreRefusedNamingWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UiModule.parse("../etc", "b")).getMessage().contains("../etc"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UiModule.parse("Portal", "b")).getMessage().contains("Portal"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UiModule.parse("x;audience=everyone", "b")).getMessage()
                .contains("everyone"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UiModule.parse("x;path=/", "b")).getMessage().contains("path"));
        assertEquals(List.of(), UiModule.parse(" ", "b"));
    }

    @Test
    void theListIsJsonTheShellReads() {
        assertEquals("{\"items\":[{\"name\":\"portal\",\"audience\":\"customer\",\"entry\":\"/ui/portal/module.js\","
                + "\"base\":\"/ui/portal/\",\"bundle\":\"org.srplatform.ui\"}]}",
                ModulesServlet.json(List.of(new UiModule("portal", "customer", "org.srplatform.ui"))));
        assertEquals("a\\\"b\\u003c/script>", Json.escape("a\"b</script>"));
    }
}
