package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormBodiesTest {

    /** Endpoints as resources declare them. */
    static final class Endpoints {
        public void done() {
        }

        @Consumes(MediaType.APPLICATION_JSON)
        public void json() {
        }

        @Consumes(MediaType.WILDCARD)
        public void anything() {
        }

        @Consumes("application/x-www-form-urlencoded; charset=utf-8")
        public void form() {
        }
    }

    @Test
    void aFormOrPlainTextBodyOnAnEndpointThatDoesNotTakeItIsRefusedNamingWhatToSend() throws Exception {
        Method done = Endpoints.class.getMethod("done");
        Optional<String> form = FormBodies.refusal("POST", FakeExchange.type("application/x-www-form-urlencoded"), done);
        assertTrue(form.orElseThrow().contains("application/x-www-form-urlencoded"), form.toString());
        assertTrue(form.get().contains("send application/json; charset=utf-8"), form.get());
        assertTrue(FormBodies.refusal("PUT", FakeExchange.type("text/plain; charset=utf-8"),
                Endpoints.class.getMethod("json")).isPresent());
        assertTrue(FormBodies.refusal("DELETE", FakeExchange.type("text/plain"), null).isPresent());
    }

    @Test
    void jsonNoBodyReadsAndEndpointsThatTakeTheTypePass() throws Exception {
        Method done = Endpoints.class.getMethod("done");
        assertEquals(Optional.empty(), FormBodies.refusal("POST", null, done), "no body, no type");
        assertEquals(Optional.empty(), FormBodies.refusal("POST", FakeExchange.type("application/json"), done));
        assertEquals(Optional.empty(), FormBodies.refusal("POST", FakeExchange.type("multipart/form-data; boundary=x"), done));
        assertEquals(Optional.empty(), FormBodies.refusal("GET", FakeExchange.type("text/plain"), done));
        assertEquals(Optional.empty(), FormBodies.refusal("POST", FakeExchange.type("text/plain"),
                Endpoints.class.getMethod("anything")), "the endpoint answers any body itself");
        assertEquals(Optional.empty(), FormBodies.refusal("POST", FakeExchange.type("application/x-www-form-urlencoded"),
                Endpoints.class.getMethod("form")));
    }
}
