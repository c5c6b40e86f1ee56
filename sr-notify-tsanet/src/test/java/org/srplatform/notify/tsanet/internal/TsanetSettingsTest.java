package org.srplatform.notify.tsanet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TsanetSettingsTest {

    private static TsanetSettings read(Map<String, ?> config, boolean demo, Map<String, String> framework) {
        return TsanetSettings.of(Annotations.of(TsanetConfig.class, config), demo, framework::get);
    }

    @Test
    void emptyBaseUrlOutsideDemoModeIsNotSetUpAndNothingIsWrong() {
        TsanetSettings s = read(Map.of("base.url", ""), false, Map.of());
        assertFalse(s.configured());
        assertEquals(List.of(), s.problems());
        assertTrue(s.whatToConfigure().contains("set base.url, username and password in etc/org.srplatform.partner.tsanet.cfg"));
    }

    @Test
    void demoModeWithoutBaseUrlUsesTheSimulatorAtThePlatformsOwnPort() {
        TsanetSettings s = read(Map.of(), true, Map.of("org.osgi.service.http.port", "18777",
                "org.apache.felix.http.host", "127.0.0.1"));
        assertTrue(s.configured());
        assertTrue(s.simulator());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:18777/tsanet-sim")), s.baseUrl());
        assertEquals("demo", s.username());
        assertEquals("demo", s.password());

        TsanetSettings everywhere = read(Map.of(), true, Map.of("org.apache.felix.http.host", "0.0.0.0"));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8080/tsanet-sim")), everywhere.baseUrl());
        TsanetSettings noHttp = read(Map.of(), true, Map.of("org.apache.felix.http.enable", "false"));
        assertFalse(noHttp.configured());
        assertTrue(noHttp.problems().get(0).contains("set base.url"));
    }

    @Test
    void aRealBaseUrlWinsInDemoModeToo() {
        TsanetSettings s = read(Map.of("base.url", "https://connect2.tsanet.org/v1/", "username", "api@example.com",
                "password", "pw"), true, Map.of("org.osgi.service.http.port", "18777"));
        assertFalse(s.simulator());
        assertEquals(Optional.of(URI.create("https://connect2.tsanet.org")), s.baseUrl());
    }

    @Test
    void plainHttpIsRefusedButToThisMachine() {
        TsanetSettings remote = read(Map.of("base.url", "http://connect2.tsanet.org", "username", "u", "password", "p"),
                false, Map.of());
        assertFalse(remote.configured());
        assertTrue(remote.problems().get(0).startsWith("base.url must use https"));
        TsanetSettings local = read(Map.of("base.url", "http://localhost:9000/sim", "username", "u", "password", "p"),
                false, Map.of());
        assertTrue(local.configured());
    }

    @Test
    void eachWrongKeyIsNamedAndThePasswordNeverShows() {
        TsanetSettings s = read(Map.of("base.url", "https://connect2.tsanet.org", "username", "api@example.com",
                "password", "", "poll.seconds", "often"), false, Map.of());
        assertFalse(s.configured());
        assertEquals(2, s.problems().size(), s.problems().toString());
        assertTrue(s.problems().get(0).startsWith("password is empty"));
        assertTrue(s.problems().get(1).startsWith("poll.seconds"));

        TsanetSettings withPassword = read(Map.of("base.url", "https://connect2.tsanet.org", "username", "u",
                "password", "hunter2-secret"), false, Map.of());
        assertFalse(withPassword.toString().contains("hunter2-secret"), withPassword.toString());
        assertFalse(withPassword.whatToConfigure().contains("hunter2-secret"));
    }

    @Test
    void aPushSecretTurnsPushesOnAndAShortOneIsNamedWithoutShowingIt() {
        TsanetSettings off = read(Map.of("base.url", "https://connect2.tsanet.org", "username", "u", "password", "p"),
                false, Map.of());
        assertTrue(off.pushes().isEmpty());
        TsanetSettings on = read(Map.of("base.url", "https://connect2.tsanet.org", "username", "u", "password", "p",
                "webhook.secret", "a long enough push secret"), false, Map.of());
        assertTrue(on.configured());
        assertTrue(on.pushes().isPresent());
        assertFalse(on.toString().contains("a long enough push secret"), on.toString());
        TsanetSettings shortOne = read(Map.of("base.url", "https://connect2.tsanet.org", "username", "u",
                "password", "p", "webhook.secret", "tiny-secret"), false, Map.of());
        assertFalse(shortOne.configured());
        assertTrue(shortOne.problems().get(0).startsWith("webhook.secret is not usable"), shortOne.problems().toString());
        assertFalse(shortOne.problems().toString().contains("tiny-secret"));
    }
}
