package org.srplatform.web.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.srplatform.api.common.FieldError;

/**
 * The error page of the REST whiteboard's servlet contexts: an error the container sends itself, before or
 * instead of the application ({@code sendError}), is answered as a problem, never as the container's page.
 * Jersey does so when it cannot read the request's Content-Type (it parses it before any filter or exception
 * mapper of the application runs, and answers {@code sendError(400)}); its servlet also answers {@code 500} that
 * way when writing a response failed. The contexts are the ones {@link RequestSizeLimit.BeforeContinue} names.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.errorPage=4xx",
        "osgi.http.whiteboard.servlet.errorPage=5xx",
        "osgi.http.whiteboard.servlet.name=sr-container-errors",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=ContextForRestWhiteboard.*)" })
public final class ContainerErrorPage extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** A media type as RFC 9110 writes it: type "/" subtype, then parameters whose values are tokens or quoted. */
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    static final Pattern MEDIA_TYPE = Pattern.compile("\\s*" + TOKEN + "/" + TOKEN
            + "(\\s*;\\s*" + TOKEN + "=(" + TOKEN + "|\"([^\"\\\\]|\\\\.)*\"))*\\s*");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        ServletProblems.write(response, problem(status, request.getHeader("Content-Type")));
    }

    /** The problem for a status the container sent, and the request's Content-Type (null when none). */
    static Problem problem(int status, String contentType) {
        if (status == 400 && contentType != null && !MEDIA_TYPE.matcher(contentType).matches()) {
            return new Problem("about:blank", "Invalid input", 400, "The Content-Type header is not a media type; send"
                    + " JSON as application/json; charset=utf-8 and files as multipart/form-data with a boundary.",
                    List.of(FieldError.of("Content-Type", "is not a media type (type/subtype; name=value)")), null);
        }
        if (status >= 500) {
            return Problem.of(status, "Internal error", "The platform could not answer; the error is in the log.");
        }
        return switch (status) {
            case 400 -> Problem.of(400, "Bad request", "The request cannot be read; check its headers and its body.");
            case 404 -> Problem.of(404, "Not found", "There is no such resource; the API is described under /api/v1.");
            case 405 -> Problem.of(405, "Method not allowed", "This resource does not take that HTTP method.");
            case 413 -> Problem.of(413, "Payload too large", "The request is larger than this resource takes.");
            default -> Problem.of(status, "Request refused", "The request was refused with HTTP status " + status + ".");
        };
    }
}
