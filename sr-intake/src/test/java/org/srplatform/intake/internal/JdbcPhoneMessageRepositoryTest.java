package org.srplatform.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.phone.PhoneMessage;
import org.srplatform.api.request.SrNumber;

class JdbcPhoneMessageRepositoryTest {
    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;
    private IntakeDatabase db;
    private JdbcPhoneMessageRepository messages;

    @BeforeEach
    void open() {
        db = IntakeDatabase.open(dir);
        messages = new JdbcPhoneMessageRepository(db.transactions());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static PhoneMessage message(String id, Instant left, Optional<SrNumber> sr) {
        return new PhoneMessage(id, "王伟", "Acme Corp", "+1 650 555 0100", sr, "数据库很慢", left,
                left.plus(Duration.ofMinutes(30)), "engineer1", Optional.empty(), Optional.empty());
    }

    @Test
    void waitingMessagesComeSoonestDueFirstAndRoundTripEveryField() {
        messages.insert(message("b", T.plusSeconds(60), Optional.empty()));
        messages.insert(message("a", T, Optional.of(SrNumber.of(2026, 7))));
        List<PhoneMessage> waiting = messages.waiting(10);
        assertEquals(List.of("a", "b"), waiting.stream().map(PhoneMessage::id).toList());
        assertEquals(message("a", T, Optional.of(SrNumber.of(2026, 7))), waiting.get(0));
    }

    @Test
    void aCalledBackMessageLeavesTheQueueOnce() {
        messages.insert(message("a", T, Optional.empty()));
        assertTrue(messages.markCalledBack("a", T.plusSeconds(600), "duty1"));
        assertFalse(messages.markCalledBack("a", T.plusSeconds(700), "duty1"));
        assertTrue(messages.waiting(10).isEmpty());
        PhoneMessage done = messages.find("a").orElseThrow();
        assertEquals(Optional.of(T.plusSeconds(600)), done.calledBackAt());
        assertEquals(Optional.of("duty1"), done.calledBackBy());
        assertFalse(messages.markCalledBack("unknown", T, "duty1"));
    }

    @Test
    void theLimitIsRespected() {
        for (int i = 0; i < 5; i++) {
            messages.insert(message("m" + i, T.plusSeconds(i), Optional.empty()));
        }
        assertEquals(3, messages.waiting(3).size());
    }
}
