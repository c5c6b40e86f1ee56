package org.srplatform.partner.contract.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.partner.WebhookSignature;

/**
 * Reads {@code etc/org.srplatform.partner.contract.cfg} and makes the connector from it. A factory, as for TSANet:
 * DS would publish every configured key as a property of the connector's service, and the reply secret is not for
 * every bundle that lists services to read. A new configuration makes a new connector.
 */
@Component(immediate = true, configurationPid = ContractConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ContractConfig.class)
public final class ContractSetup {
    private static final Logger LOG = LoggerFactory.getLogger(ContractSetup.class);

    private final ComponentInstance<ContractConnector> connector;

    @Activate
    public ContractSetup(ContractConfig config,
            @Reference(target = "(component.factory=" + ContractConnector.FACTORY + ")")
            ComponentFactory<ContractConnector> connectors) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ContractConnector.SETTINGS, settings(config, Clock.systemUTC()));
        connector = connectors.newInstance(properties);
    }

    @Deactivate
    void stop() {
        connector.dispose();
    }

    /** The vendors, and how replies are read if a secret is set; every wrong entry is logged, naming its key. */
    static ContractConnector.Settings settings(ContractConfig config, Clock clock) {
        List<ContractConnector.Vendor> vendors = new ArrayList<>();
        for (String entry : config.vendors().split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("\\|");
            if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || !parts[2].contains("@")) {
                LOG.warn("Vendor '{}' of {} ignored: write it as id|Name|e-mail", entry, ContractConfig.PID);
                continue;
            }
            vendors.add(new ContractConnector.Vendor(parts[0].strip(), parts[1].strip(), parts[2].strip()));
        }
        Optional<ContractReplies> replies = Optional.empty();
        String secret = config.webhook_secret() == null ? "" : config.webhook_secret().strip();
        if (!secret.isEmpty()) {
            try {
                replies = Optional.of(new ContractReplies(WebhookSignature.of(secret),
                        Pattern.compile(config.case_number_pattern()), clock));
            } catch (IllegalArgumentException e) { // includes PatternSyntaxException; never the secret itself
                LOG.warn("Vendors' replies are not taken until {} is fixed: {}", ContractConfig.PID,
                        e instanceof PatternSyntaxException ? "case.number.pattern is not a regular expression"
                                : "webhook.secret is not usable: " + e.getMessage());
            }
        }
        return new ContractConnector.Settings(List.copyOf(vendors), replies);
    }
}
