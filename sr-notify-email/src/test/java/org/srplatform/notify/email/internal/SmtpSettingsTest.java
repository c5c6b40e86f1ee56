package org.srplatform.notify.email.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {
    private static final String PASSWORD = "s3cret-0f-the-relay";

    @Test
    void defaultsAreSubmissionWithStartTlsRequired() throws Exception {
        SmtpSettings s = SmtpSettings.of(FakeConfiguration.email(Map.of("smtp.host", " mail.example.com ",
                "from", "support@sr.example.com")));
        assertEquals("mail.example.com:587", s.server());
        assertTrue(s.startTls());
        assertFalse(s.ssl());
        assertEquals(Optional.empty(), s.user());
        assertEquals("", s.password());
        assertEquals(Duration.ofSeconds(30), s.timeout());
        assertEquals("sr.example.com", s.fromDomain());
    }

    @Test
    void theTextOfTheSettingsNeverHoldsThePassword() throws Exception {
        SmtpSettings s = SmtpSettings.of(FakeConfiguration.email(Map.of("smtp.host", "mail.example.com",
                "smtp.port", "465", "smtp.ssl", "TRUE", "smtp.starttls", "false", "smtp.user", "notify",
                "smtp.password", PASSWORD, "from", "\"SR 支持\" <support@sr.example.com>")));
        assertEquals(PASSWORD, s.password());
        assertTrue(s.ssl());
        assertFalse(s.toString().contains(PASSWORD), s.toString());
        assertTrue(s.toString().contains("mail.example.com:465"), s.toString());
        assertFalse(s.authenticatesInClear());
    }

    @Test
    void everyWrongKeyIsNamed() {
        SmtpSettings.Invalid e = assertThrows(SmtpSettings.Invalid.class, () -> SmtpSettings.of(FakeConfiguration.email(
                Map.of("smtp.host", "smtp://mail.example.com", "smtp.port", "70000", "smtp.starttls", "on",
                        "smtp.ssl", "1", "smtp.user", "notify", "from", "a@b@c", "smtp.timeout.seconds", "soon"))));
        assertEquals(List.of("smtp.host is not a host name", "smtp.port is not a port number (1-65535)",
                "smtp.starttls is neither true nor false", "smtp.ssl is neither true nor false",
                "smtp.password is empty while smtp.user is set", "from is not an e-mail address",
                "smtp.timeout.seconds is not a number of seconds (1 or more)"), e.problems());
    }

    @Test
    void aLoginWithoutTlsIsNoticed() throws Exception {
        SmtpSettings s = SmtpSettings.of(FakeConfiguration.email(Map.of("smtp.host", "localhost", "smtp.starttls",
                "false", "smtp.user", "notify", "smtp.password", PASSWORD, "from", "support@sr.example.com")));
        assertTrue(s.authenticatesInClear());
    }
}
