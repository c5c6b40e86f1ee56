package org.srplatform.demo.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;

/**
 * DemoData is satisfied only by the condition {@link DemoMode#DEMO_ON}; DS registers DemoMode with the
 * properties of org.srplatform.platform, as FileInstall reads them from etc/org.srplatform.platform.cfg.
 */
class DemoModeTest {

    @Test
    void demoDataRunsWhenThePlatformConfigurationSaysDemo() throws Exception {
        assertTrue(satisfiesDemoData(platform("true")));
        assertTrue(satisfiesDemoData(platform(Boolean.TRUE)), "a typed configuration as well");
    }

    @Test
    void demoDataIsNotCreatedWithoutDemoConfiguration() throws Exception {
        assertFalse(satisfiesDemoData(platform("false")), "a normal start");
        assertFalse(satisfiesDemoData(platform(null)), "a configuration without the key");
        assertFalse(satisfiesDemoData(platform("")), "a property FileInstall could not substitute");
        assertFalse(satisfiesDemoData(platform("${sr.demo}")));
        Map<String, Object> otherCondition = platform("true");
        otherCondition.put("osgi.condition.id", "true"); // the framework's condition, always there
        assertFalse(satisfiesDemoData(otherCondition));
    }

    private static Map<String, Object> platform(Object demo) {
        Map<String, Object> p = new HashMap<>();
        p.put("osgi.condition.id", DemoMode.ID);
        p.put("service.pid", "org.srplatform.platform");
        p.put("data.dir", "/srv/sr-platform/data");
        if (demo != null) {
            p.put("demo", demo);
        }
        return p;
    }

    private static boolean satisfiesDemoData(Map<String, Object> serviceProperties) throws Exception {
        Filter filter = FrameworkUtil.createFilter(DemoMode.DEMO_ON);
        return filter.matches(serviceProperties);
    }
}
