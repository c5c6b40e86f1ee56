package org.srplatform.tsanet.simulator.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The simulated TSANet member directory: the receiving members, each with its collaboration form (one required
 * custom field) and the engineer who answers. Fixed data: a demo and a test see the same members.
 */
final class Directory {

    /** A custom field of a member's form; {@code rule} is the regular expression its value must match, if any. */
    record Field(long id, String label, boolean required, Optional<Pattern> rule, int order) {
    }

    /** A receiving member (or one of its departments) with its form and its answering engineer. */
    record Member(long companyId, String companyName, Optional<Long> departmentId, Optional<String> departmentName,
            long documentId, String domain, String casePrefix, String engineerName, String engineerEmail,
            String engineerPhone, String adminNote, List<Field> fields) {

        /** How the directory names it: the company, and the department if the form is a department's. */
        String label() {
            return departmentName.map(d -> companyName + " / " + d).orElse(companyName);
        }
    }

    static final List<Member> MEMBERS = List.of(
            new Member(1001, "Globex Storage", Optional.empty(), Optional.empty(), 5101, "globex-storage.example",
                    "GX-", "Dana Reyes", "dana.reyes@globex-storage.example", "+1 555 0101",
                    "Name the array by its serial number (two letters, six digits, on the rear label).",
                    List.of(new Field(301, "Array serial number", true,
                                    Optional.of(Pattern.compile("[A-Z]{2}[0-9]{6}")), 1),
                            new Field(302, "Array firmware version", false, Optional.empty(), 2))),
            new Member(1002, "Initech Networks", Optional.of(2102L), Optional.of("Routing and Switching"), 5102,
                    "initech-networks.example", "IN-", "Sam Patel", "sam.patel@initech-networks.example",
                    "+1 555 0102", "Give the switch model as printed on its front panel.",
                    List.of(new Field(311, "Switch model", true, Optional.empty(), 1),
                            new Field(312, "Support contract number", false, Optional.empty(), 2))),
            new Member(1003, "Umbrella Virtualization", Optional.empty(), Optional.empty(), 5103,
                    "umbrella-virtualization.example", "UV-", "Alex Kim", "alex.kim@umbrella-virtualization.example",
                    "+1 555 0103", "Say which hypervisor version the hosts run.",
                    List.of(new Field(321, "Hypervisor version", true, Optional.empty(), 1))));

    private Directory() {
    }

    /** Members whose name, department or company id contains the term, in any case. */
    static List<Member> search(String term) {
        String t = term.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return List.of();
        }
        return MEMBERS.stream()
                .filter(m -> m.label().toLowerCase(Locale.ROOT).contains(t) || Long.toString(m.companyId()).equals(t))
                .toList();
    }

    static Optional<Member> byCompany(long companyId) {
        return MEMBERS.stream().filter(m -> m.companyId() == companyId).findFirst();
    }

    static Optional<Member> byDepartment(long departmentId) {
        return MEMBERS.stream().filter(m -> m.departmentId().filter(d -> d == departmentId).isPresent()).findFirst();
    }

    static Optional<Member> byDocument(long documentId) {
        return MEMBERS.stream().filter(m -> m.documentId() == documentId).findFirst();
    }
}
