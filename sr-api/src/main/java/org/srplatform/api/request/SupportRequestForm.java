package org.srplatform.api.request;

import java.util.List;
import java.util.Optional;

/**
 * What a customer (or an engineer on the phone) submits to open an SR, unchecked. {@link IntakeService}
 * validates every field and reports all that are wrong at once.
 *
 * @param account                   the entitled account's number
 * @param product                   product id
 * @param category                  problem category id of that product
 * @param severity                  1-4, as typed (checked by intake)
 * @param subject                   one line
 * @param description               the problem description; it or {@code tags} is required
 * @param tags                      keywords
 * @param contactMethod             PHONE, EMAIL or BOTH, as typed
 * @param phone                     required for PHONE and BOTH
 * @param customerNumber            phone intake: the number the caller gave
 * @param suggestionsShown          whether suggested resources were shown before submitting
 */
public record SupportRequestForm(String account, String product, String category, Optional<Integer> severity,
        String subject, String description, List<String> tags, String contactMethod, Optional<String> phone,
        Optional<String> customerNumber, boolean suggestionsShown) {
    public SupportRequestForm {
        severity = severity == null ? Optional.empty() : severity;
        tags = tags == null ? List.of() : List.copyOf(tags);
        phone = phone == null ? Optional.empty() : phone;
        customerNumber = customerNumber == null ? Optional.empty() : customerNumber;
    }
}
