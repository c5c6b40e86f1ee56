package org.srplatform.launcher;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceEvent;

/**
 * With {@code -Dsr.trace.start=true} (in {@code SR_JAVA_OPTS}): one line on stderr for each bundle started, each
 * service registered and each change a runtime service announces (the REST whiteboard's
 * {@code JakartarsServiceRuntime} once its applications are built), with the milliseconds since the JVM started.
 * It shows where a start's time goes, bundle by bundle and thread by thread, without a profiler.
 */
final class StartTrace {
    static final String PROPERTY = "sr.trace.start";

    private StartTrace() {
    }

    static void follow(BundleContext context, PrintStream out) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        context.addBundleListener(e -> {
            if (e.getType() == BundleEvent.STARTED) {
                line(out, jvmStart, "bundle started " + e.getBundle().getSymbolicName());
            }
        });
        context.addServiceListener(e -> {
            String classes = Arrays.toString((String[]) e.getServiceReference().getProperty(Constants.OBJECTCLASS));
            if (e.getType() == ServiceEvent.REGISTERED) {
                line(out, jvmStart, "service registered " + classes + " by "
                        + e.getServiceReference().getBundle().getSymbolicName());
            } else if (e.getType() == ServiceEvent.MODIFIED && classes.contains("ServiceRuntime")) {
                line(out, jvmStart, "runtime changed " + classes + " change count "
                        + e.getServiceReference().getProperty(Constants.SERVICE_CHANGECOUNT));
            }
        });
        context.addFrameworkListener(e -> {
            if (e.getType() == FrameworkEvent.STARTED) {
                line(out, jvmStart, "framework started: every bundle of its start level is started");
            }
        });
    }

    private static void line(PrintStream out, long jvmStart, String what) {
        out.println("sr-platform: start trace +" + (System.currentTimeMillis() - jvmStart) + " ms ["
                + Thread.currentThread().getName() + "] " + what);
    }
}
