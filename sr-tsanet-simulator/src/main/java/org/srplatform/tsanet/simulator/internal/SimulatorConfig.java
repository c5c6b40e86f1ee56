package org.srplatform.tsanet.simulator.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code org.srplatform.tsanet.simulator}: the TSANet simulator, for tests. Without this configuration the
 * simulator runs in demo mode only, with these defaults.
 */
// Designated here, not with @Designate: the simulator reads two PIDs, and @Designate needs exactly one.
@ObjectClassDefinition(pid = SimulatorConfig.PID, name = "SR TSANet simulator",
        description = "A simulated TSANet Connect at /tsanet-sim/v1 that plays the receiving member; for demos and tests")
@interface SimulatorConfig {
    String PID = "org.srplatform.tsanet.simulator";

    @AttributeDefinition(name = "Enabled", description = "true: run the simulator outside demo mode too (tests);"
            + " in demo mode it always runs")
    boolean enabled() default false;

    @AttributeDefinition(name = "User", description = "The login the simulator accepts")
    String username() default "demo";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, description = "Its password")
    String password() default "demo";

    @AttributeDefinition(name = "Token lifetime (seconds)", min = "1", description = "expiresIn of each access token")
    int token_seconds() default 3600;

    @AttributeDefinition(name = "Slow (seconds)", min = "0", description = "How long [slow] without a number waits")
    int slow_seconds() default 10;

    @AttributeDefinition(name = "Failures", min = "0", description = "How many 500 answers [5xx] without a number gives")
    int failures() default 2;

    @AttributeDefinition(name = "Validation status", description = "The status of a validation failure: 400 as"
            + " documented, or 500 as the live service has been seen to answer")
    int validation_status() default 400;
}
