package org.srplatform.web.internal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 */
@Component(service = ContainerRequestFilter.class, configurationPid = "org.srplatform.web.limits")
@Designate(ocd = RequestSizeLimit.Config.class)
@JakartarsExtension
@JakartarsApplicationSelect(ApiApplication.SELECT)
@Priority(Priorities.AUTHENTICATION + 1)
public final class RequestSizeLimit implements ContainerRequestFilter {

    @ObjectClassDefinition(name = "SR web request limits")
    @interface Config {
        @AttributeDefinition(description = "Largest JSON request body, in bytes")
        long json_max_bytes() default 1024 * 1024;
    }

    private final long maxBytes;

    @Activate
    public RequestSizeLimit(Config config) {
        this.maxBytes = config.json_max_bytes();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type != null && type.getType().equals("multipart")) {
            return;
        }
        if (request.getLength() > maxBytes) {
            throw tooLarge();
        }
        request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
    }

    private PayloadTooLargeException tooLarge() {
        return new PayloadTooLargeException("The request body is larger than " + maxBytes
                + " bytes; send less (attachments go to POST /requests/{number}/attachments).");
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
                throw tooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (left -= n) < 0) {
                throw tooLarge();
            }
            return n;
        }
    }
}
