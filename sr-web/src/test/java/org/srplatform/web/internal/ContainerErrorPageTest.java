package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContainerErrorPageTest {

    @Test
    void aContentTypeThatIsNoMediaTypeIsNamedInTheProblem() {
        for (String wrong : new String[] {"", "foo", "a/b;c", "application/json;charset=", "multipart/form-data; boundary=",
            ";", "/"}) {
            Problem p = ContainerErrorPage.problem(400, wrong);
            assertEquals(400, p.status(), wrong);
            assertEquals("Content-Type", p.errors().get(0).field(), wrong);
            assertTrue(p.detail().contains("Content-Type"), p.detail());
        }
    }

    @Test
    void aWellFormedContentTypeIsNotBlamedForA400() {
        for (String ok : new String[] {"application/json", "application/json; charset=utf-8", "text/plain;charset=UTF-8",
            "multipart/form-data; boundary=\"a b\""}) {
            assertTrue(ContainerErrorPage.MEDIA_TYPE.matcher(ok).matches(), ok);
            Problem p = ContainerErrorPage.problem(400, ok);
            assertEquals(400, p.status());
            assertNull(p.errors(), ok);
        }
        assertNull(ContainerErrorPage.problem(400, null).errors());
    }

    @Test
    void everyStatusKeepsItsCodeAndAServerErrorSaysNoMore() {
        for (int status : new int[] {400, 401, 404, 405, 413, 415, 500, 503}) {
            Problem p = ContainerErrorPage.problem(status, "application/json");
            assertEquals(status, p.status());
            assertFalse(p.title().isBlank());
            assertFalse(p.detail().isBlank());
        }
        assertEquals("The platform could not answer; the error is in the log.", ContainerErrorPage.problem(500, null).detail());
    }
}
