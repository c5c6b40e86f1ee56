package org.srplatform.demo.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.condition.Condition;

/**
 * The condition {@code sr.demo}, registered once the platform's configuration ({@code org.srplatform.platform},
 * etc/org.srplatform.platform.cfg) exists, with that configuration's keys as its properties. Demo
 * components are satisfied only by {@link #DEMO_ON}: in a normal start ({@code demo = false}), and
 * before the configuration has arrived, they do not run at all, so demo users with known passwords
 * cannot appear there.
 */
@Component(service = Condition.class, configurationPid = "org.srplatform.platform",
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = Condition.CONDITION_ID + "=" + DemoMode.ID)
public final class DemoMode implements Condition {
    static final String ID = "sr.demo";
    /** FileInstall hands the .cfg value over as the text "true"; a typed configuration gives Boolean.TRUE. */
    static final String DEMO_ON = "(&(" + Condition.CONDITION_ID + "=" + ID + ")(demo=true))";
    /** A component property that makes a component wait for demo mode. */
    static final String SATISFIED_IN_DEMO_MODE = "osgi.ds.satisfying.condition.target=" + DEMO_ON;
}
