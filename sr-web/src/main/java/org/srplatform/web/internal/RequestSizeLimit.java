package org.srplatform.web.internal;

import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.annotation.Priority;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.srplatform.api.common.PayloadTooLargeException;

/**
 * Refuses JSON bodies over a limit (413) before they are read into memory: by Content-Length when it is
 * given, and by counting while reading when the body is chunked. Uploads (multipart) have their own
 * per-file limits and are left alone.
 * <p>
 * The answer must reach the client: a server that answers and closes while the client is still sending
 * makes the client see a reset, not the 413. So a body over the limit is read to its end and dropped
 * (up to {@link #DRAIN_MAX}) before the answer, and a client that asks {@code Expect: 100-continue} is
 * answered 413 before it sends the body at all, by {@link BeforeContinue}.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = RequestSizeLimit.PID)
@Designate(ocd = RequestSizeLimit.Config.class)
@JakartarsExtension
@JakartarsApplicationSelect(ApiApplication.SELECT)
@Priority(Priorities.AUTHENTICATION + 1)
public final class RequestSizeLimit implements ContainerRequestFilter {
    static final String PID = "org.srplatform.web.limits";

    /** The most of an oversize body that is read and dropped so that the client can read the 413. */
    static final long DRAIN_MAX = 16L * 1024 * 1024;

    @ObjectClassDefinition(name = "SR web request limits")
    @interface Config {
        @AttributeDefinition(description = "Largest JSON request body, in bytes")
        long json_max_bytes() default 1024 * 1024;
    }

    private final long maxBytes;

    @Activate
    public RequestSizeLimit(Config config) {
        this(config.json_max_bytes());
    }

    RequestSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type != null && type.getType().equals("multipart")) {
            return;
        }
        long length = request.getLength();
        if (length > maxBytes) {
            if (length <= DRAIN_MAX) {
                drain(request.getEntityStream(), DRAIN_MAX);
            }
            throw tooLarge(maxBytes);
        }
        request.setEntityStream(limited(request.getEntityStream()));
    }

    /** The body as a stream that refuses (413) to give more than the limit. */
    InputStream limited(InputStream in) {
        return new Limited(in, maxBytes);
    }

    static PayloadTooLargeException tooLarge(long maxBytes) {
        return new PayloadTooLargeException("The request body is larger than " + maxBytes + " bytes, the limit for JSON;"
                + " send less. Files go to POST /api/v1/requests/{number}/attachments as multipart/form-data.");
    }

    /** Reads and drops up to {@code bound} bytes; a client that went away ends it early. */
    static long drain(InputStream in, long bound) {
        byte[] buffer = new byte[64 * 1024];
        long dropped = 0;
        try {
            int n;
            while (dropped < bound && (n = in.read(buffer, 0, (int) Math.min(buffer.length, bound - dropped))) >= 0) {
                dropped += n;
            }
        } catch (IOException e) {
            // the client stopped sending: nothing left to drain
        }
        return dropped;
    }

    private final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw overflow();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (left -= n) < 0) {
                throw overflow();
            }
            return n;
        }

        private PayloadTooLargeException overflow() {
            drain(in, DRAIN_MAX - maxBytes);
            return tooLarge(maxBytes);
        }
    }

    /**
     * {@code Expect: 100-continue} with a Content-Length over the limit: answered 413 before the client sends
     * the body. Jersey asks the servlet request for its stream before any filter of the application runs,
     * and Jetty sends "100 Continue" at that moment, so this check runs as a servlet filter in front of the
     * REST whiteboard's servlets (their contexts are named {@code ContextForRestWhiteboard.<app>.instance.<n>}).
     */
    @Component(service = Filter.class, configurationPid = RequestSizeLimit.PID, property = {
            "osgi.http.whiteboard.filter.pattern=/*",
            "osgi.http.whiteboard.filter.name=sr-request-size-limit",
            "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=ContextForRestWhiteboard.*)" })
    public static final class BeforeContinue implements Filter {
        private final long maxBytes;
        private final ObjectWriter json = JsonProvider.mapper().writerFor(Problem.class);

        @Activate
        public BeforeContinue(Config config) {
            this.maxBytes = config.json_max_bytes();
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer
                    && refusesBeforeBody(http.getHeader("Expect"), http.getContentType(), http.getContentLengthLong(),
                            maxBytes)) {
                Problem problem = ProblemMapper.problemOf(tooLarge(maxBytes));
                byte[] body = json.writeValueAsBytes(problem);
                answer.setStatus(problem.status());
                answer.setHeader("Connection", "close"); // the body it announced never comes
                answer.setContentType(Problem.MEDIA_TYPE + "; charset=utf-8");
                answer.setContentLength(body.length);
                answer.getOutputStream().write(body);
                return;
            }
            chain.doFilter(request, response);
        }

        static boolean refusesBeforeBody(String expect, String contentType, long length, long maxBytes) {
            boolean continues = expect != null && expect.strip().toLowerCase(Locale.ROOT).equals("100-continue");
            boolean multipart = contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/");
            return continues && !multipart && length > maxBytes;
        }
    }
}
