package org.srplatform.tsanet.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;

class TsanetSimulatorTest {

    /** Records the instances made and disposed, as SCR would make them. */
    static final class RecordingFactory implements ComponentFactory<SimulatorServlet> {
        final List<Dictionary<String, ?>> made = new ArrayList<>();
        int disposed;

        @Override
        public ComponentInstance<SimulatorServlet> newInstance(Dictionary<String, ?> properties) {
            made.add(properties);
            java.util.Map<String, Object> map = new java.util.HashMap<>();
            Collections.list(properties.keys()).forEach(k -> map.put(k, properties.get(k)));
            SimulatorServlet app = new SimulatorServlet(map);
            return new ComponentInstance<>() {
                @Override
                public void dispose() {
                    disposed++;
                }

                @Override
                public SimulatorServlet getInstance() {
                    return app;
                }
            };
        }
    }

    static <A> A config(Class<A> type, Map<String, ?> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            Object value = values.get(method.getName().replace('_', '.'));
            return value != null ? value : method.getDefaultValue();
        }));
    }

    private static RecordingFactory start(boolean demo, boolean enabled) {
        RecordingFactory factory = new RecordingFactory();
        TsanetSimulator simulator = new TsanetSimulator(config(SimulatorConfig.class, Map.of("enabled", enabled)),
                config(TsanetSimulator.Platform.class, Map.of("demo", demo)), factory);
        simulator.stop();
        return factory;
    }

    @Test
    void aNormalStartServesNoSimulator() {
        RecordingFactory factory = start(false, false);
        assertTrue(factory.made.isEmpty());
        assertEquals(0, factory.disposed);
    }

    @Test
    void demoModeOrEnabledServesItUntilStopped() {
        for (RecordingFactory factory : List.of(start(true, false), start(false, true))) {
            assertEquals(1, factory.made.size());
            Dictionary<String, ?> properties = factory.made.get(0);
            assertTrue(properties.get(SimulatorServlet.SIMULATION) instanceof TsanetSimulation);
            for (String key : Collections.list(properties.keys())) {
                assertTrue(key.startsWith("."), key + " would be a service property");
            }
            assertEquals(1, factory.disposed);
        }
    }

    /** What a servlet container hands the servlet, and what the servlet wrote back. */
    static final class Call {
        final Map<String, String> headers = new java.util.HashMap<>();
        final java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        int status;
        String contentType;

        jakarta.servlet.http.HttpServletRequest request(String method, String pathInfo, String query, String authorization,
                String body) {
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return proxy(jakarta.servlet.http.HttpServletRequest.class, (name, args) -> switch (name) {
                case "getMethod" -> method;
                case "getPathInfo" -> pathInfo;
                case "getQueryString" -> query;
                case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? authorization : null;
                case "getInputStream" -> new ServletInput(new java.io.ByteArrayInputStream(bytes));
                default -> throw new UnsupportedOperationException(name);
            });
        }

        jakarta.servlet.http.HttpServletResponse response() {
            return proxy(jakarta.servlet.http.HttpServletResponse.class, (name, args) -> switch (name) {
                case "setStatus" -> { status = (Integer) args[0]; yield null; }
                case "setContentType" -> { contentType = (String) args[0]; yield null; }
                case "setHeader" -> { headers.put((String) args[0], (String) args[1]); yield null; }
                case "setCharacterEncoding", "setContentLength" -> null;
                case "getOutputStream" -> new ServletOutput(written);
                default -> throw new UnsupportedOperationException(name);
            });
        }

        String body() {
            return written.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    interface Handler {
        Object answer(String method, Object[] args);
    }

    static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, args) -> handler.answer(m.getName(), args)));
    }

    static final class ServletInput extends jakarta.servlet.ServletInputStream {
        private final java.io.InputStream in;

        ServletInput(java.io.InputStream in) {
            this.in = in;
        }

        @Override public int read() throws java.io.IOException { return in.read(); }
        @Override public boolean isFinished() { return false; }
        @Override public boolean isReady() { return true; }
        @Override public void setReadListener(jakarta.servlet.ReadListener listener) { }
    }

    static final class ServletOutput extends jakarta.servlet.ServletOutputStream {
        private final java.io.OutputStream out;

        ServletOutput(java.io.OutputStream out) {
            this.out = out;
        }

        @Override public void write(int b) throws java.io.IOException { out.write(b); }
        @Override public boolean isReady() { return true; }
        @Override public void setWriteListener(jakarta.servlet.WriteListener listener) { }
    }

    private static SimulatorServlet servlet() {
        RecordingFactory factory = start(true, false);
        return new SimulatorServlet(Map.of(SimulatorServlet.SIMULATION, factory.made.get(0).get(SimulatorServlet.SIMULATION)));
    }

    @Test
    void theServletHandsEachCallToTheSimulationWithItsPathQueryTokenAndBody() throws Exception {
        SimulatorServlet servlet = servlet();
        Call login = new Call();
        servlet.service(login.request("POST", "/login", null, null,
                "{\"username\":\"demo\",\"password\":\"wrong\"}"), login.response());
        assertEquals(401, login.status, login.body());
        assertEquals("application/json", login.contentType);
        assertTrue(login.body().contains("Invalid username or password"), login.body());

        Call anonymous = new Call();
        servlet.service(anonymous.request("GET", "/me", null, null, ""), anonymous.response());
        assertEquals(401, anonymous.status, "no bearer token: " + anonymous.body());

        Call wrongMethod = new Call();
        servlet.service(wrongMethod.request("DELETE", "/me", null, null, ""), wrongMethod.response());
        assertEquals(405, wrongMethod.status);
        assertEquals("GET, POST", wrongMethod.headers.get("Allow"));

        Call noPath = new Call();
        servlet.service(noPath.request("GET", "/", null, null, ""), noPath.response());
        assertEquals(404, noPath.status);

        Call tooLarge = new Call();
        servlet.service(tooLarge.request("POST", "/login", null, null, "x".repeat(SimulatorServlet.MAX_BODY_BYTES + 1)),
                tooLarge.response());
        assertEquals(413, tooLarge.status);
    }

    @Test
    void queryParametersAreDecodedFirstValueFirst() {
        assertEquals(Map.of("q", "Acme Ltd", "page", "1", "flag", ""),
                SimulatorServlet.query("q=Acme+Ltd&page=1&q=second&flag&&"));
        assertEquals(Map.of(), SimulatorServlet.query(null));
        assertEquals(Map.of("name", "北京"), SimulatorServlet.query("name=%E5%8C%97%E4%BA%AC"));
    }
}
