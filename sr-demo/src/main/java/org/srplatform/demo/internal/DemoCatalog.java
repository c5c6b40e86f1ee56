package org.srplatform.demo.internal;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.srplatform.api.account.ResponseClock;
import org.srplatform.api.account.FirstResponseTarget;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.api.request.Severity;

/** The demo catalog of API.md: three products, their categories, articles and two support offerings. */
final class DemoCatalog {
    private DemoCatalog() {
    }

    /** The desktop products' phones: Monday to Friday, 06:00-18:00 Pacific, US public holidays off. */
    static SupportHours desktopHours() {
        return SupportHours.weekly(ZoneId.of("America/Los_Angeles"), LocalTime.of(6, 0), LocalTime.of(18, 0),
                Set.of(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1),
                        LocalDate.of(2027, 5, 31), LocalDate.of(2027, 7, 5), LocalDate.of(2027, 9, 6),
                        LocalDate.of(2027, 11, 25), LocalDate.of(2027, 12, 24)),
                MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY);
    }

    static List<Product> products() {
        return List.of(
                new Product("datacenter", "Datacenter Server", SupportHours.twentyFourSeven(), List.of(
                        new ProblemCategory("installation", "Installation and upgrade",
                                "Installing the server, upgrading between versions, license activation."),
                        new ProblemCategory("performance", "Performance",
                                "Slow datastores, high CPU or memory use, latency after a change."),
                        new ProblemCategory("availability", "Availability and clustering",
                                "Host failures, failover that did not happen, cluster membership."),
                        new ProblemCategory("networking", "Networking",
                                "Virtual switches, VLANs, lost connectivity between hosts or guests."))),
                new Product("workstation", "Workstation", desktopHours(), List.of(
                        new ProblemCategory("installation", "Installation",
                                "Installing or uninstalling Workstation, license keys, host OS compatibility."),
                        new ProblemCategory("virtual-machines", "Virtual machines",
                                "Creating, starting, snapshotting or cloning virtual machines."),
                        new ProblemCategory("graphics", "Graphics and display",
                                "3D acceleration, multiple monitors, screen resolution inside guests."))),
                new Product("fusion", "Fusion", desktopHours(), List.of(
                        new ProblemCategory("installation", "Installation",
                                "Installing Fusion on macOS, permissions, system extensions."),
                        new ProblemCategory("virtual-machines", "Virtual machines",
                                "Creating, importing and running virtual machines on a Mac."),
                        new ProblemCategory("shared-folders", "Shared folders and devices",
                                "Sharing folders, USB devices and the clipboard between Mac and guest."))));
    }

    static List<KnowledgeArticle> articles(Instant now) {
        return List.of(
                article("KB1001", "datacenter", "performance", "Datastore latency after upgrading to 8.0",
                        "Storage latency rises after an upgrade when the queue depth of the HBA is reset to its default.",
                        "After upgrading, check the adapter queue depth and the multipathing policy; restore the values "
                                + "recorded before the upgrade. Latency, storage, upgrade, datastore, slow.", now, "upgrade", "storage"),
                article("KB1002", "datacenter", "installation", "Upgrade fails with 'insufficient disk space'",
                        "The installer needs 20 GB free on the boot volume before it starts.",
                        "Free space on the boot volume or move the scratch partition; then restart the upgrade. "
                                + "Installation, upgrade, disk space.", now, "upgrade"),
                article("KB1003", "datacenter", "availability", "Host does not fail over after a network partition",
                        "Isolation response must be set for failover to happen when a host loses its management network.",
                        "Set the host isolation response and add a second isolation address. Cluster, HA, failover.", now, "cluster"),
                article("KB2001", "workstation", "installation", "Workstation does not start after a Windows update",
                        "A Windows update can disable the virtualization platform Workstation needs.",
                        "Re-enable the hypervisor platform feature or turn off core isolation. Installation, start, Windows.", now, "windows"),
                article("KB2002", "workstation", "virtual-machines", "Snapshot consolidation needed",
                        "A virtual machine shows 'consolidation needed' after a backup.",
                        "Run consolidate from the snapshot manager with the machine powered off. Snapshot, disk, backup.", now, "snapshot"),
                article("KB2003", "workstation", "graphics", "3D acceleration unavailable in guest",
                        "The host graphics driver is on the block list.",
                        "Update the host graphics driver, then enable 3D acceleration in the VM settings. Graphics, 3D, display.", now, "graphics"),
                article("KB3001", "fusion", "installation", "Fusion asks for system extension approval",
                        "macOS blocks the kernel extension until it is approved in Privacy & Security.",
                        "Open System Settings, Privacy & Security, and allow the extension; restart the Mac. Installation, macOS.", now, "macos"),
                article("KB3002", "fusion", "shared-folders", "Shared folders not visible in a Linux guest",
                        "Linux guests need the open-vm-tools fuse mount for shared folders.",
                        "Install open-vm-tools and mount with vmhgfs-fuse. Shared folders, Linux, tools.", now, "linux"),
                article("KB3003", "fusion", "virtual-machines", "Importing a Boot Camp partition",
                        "Boot Camp partitions can be used as a virtual machine on Intel Macs only.",
                        "Choose File, New, and select the Boot Camp partition. Import, Boot Camp.", now, "import"));
    }

    private static KnowledgeArticle article(String id, String product, String category, String title, String summary,
            String body, Instant now, String... tags) {
        return new KnowledgeArticle(id, product, Optional.of(category), title, summary, body,
                "https://kb.example/" + id, List.of(tags), now);
    }

    static List<SupportOffering> offerings() {
        return List.of(
                new SupportOffering("production", "Production Support", Map.of(
                        Severity.S1, new FirstResponseTarget(Duration.ofMinutes(30), ResponseClock.AROUND_THE_CLOCK),
                        Severity.S2, new FirstResponseTarget(Duration.ofHours(4), ResponseClock.SUPPORT_HOURS),
                        Severity.S3, new FirstResponseTarget(Duration.ofHours(8), ResponseClock.SUPPORT_HOURS),
                        Severity.S4, new FirstResponseTarget(Duration.ofHours(12), ResponseClock.SUPPORT_HOURS))),
                new SupportOffering("basic", "Basic Support", Map.of(
                        Severity.S1, new FirstResponseTarget(Duration.ZERO, ResponseClock.NEXT_BUSINESS_DAY),
                        Severity.S2, new FirstResponseTarget(Duration.ZERO, ResponseClock.NEXT_BUSINESS_DAY),
                        Severity.S3, new FirstResponseTarget(Duration.ZERO, ResponseClock.NEXT_BUSINESS_DAY),
                        Severity.S4, new FirstResponseTarget(Duration.ZERO, ResponseClock.NEXT_BUSINESS_DAY))));
    }
}
