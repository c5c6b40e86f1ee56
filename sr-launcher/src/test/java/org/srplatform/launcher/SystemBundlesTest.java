package org.srplatform.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class SystemBundlesTest {

    @Test
    void aNewCapabilityGetsThePlatformsLevelWithoutALineOfItsOwn() {
        Properties levels = new Properties();
        levels.setProperty("org.srplatform.*", "4");
        levels.setProperty("org.srplatform.web", "3");
        levels.setProperty("org.srplatform.web.*", "5");
        levels.setProperty("org.apache.felix.configadmin", "2");
        assertEquals(4, SystemBundles.startLevel(levels, "org.srplatform.escalation"));
        assertEquals(3, SystemBundles.startLevel(levels, "org.srplatform.web"), "its own line wins");
        assertEquals(5, SystemBundles.startLevel(levels, "org.srplatform.web.extra"), "the longest prefix wins");
        assertEquals(2, SystemBundles.startLevel(levels, "org.apache.felix.configadmin"));
        assertEquals(SystemBundles.DEFAULT_LEVEL, SystemBundles.startLevel(levels, "org.apache.felix.scr"));
    }
}
