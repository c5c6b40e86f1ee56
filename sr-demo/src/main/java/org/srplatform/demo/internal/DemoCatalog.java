package org.srplatform.demo.internal;


import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.srplatform.api.catalog.KnowledgeArticle;

/**
 * The demo's knowledge articles (the suggestions of API.md). The products, offerings, accounts, contacts and users are
 * the setup document {@code demo-setup.json}, loaded through the administration's import.
 */
final class DemoCatalog {
    private DemoCatalog() {
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
}
