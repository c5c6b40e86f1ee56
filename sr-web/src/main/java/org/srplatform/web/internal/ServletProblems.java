package org.srplatform.web.internal;

import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes a {@link Problem} straight to a servlet response, for the answers given outside Jersey (a servlet
 * preprocessor, an error page): the same body and headers as {@link ProblemMapper} and {@link ResponseHeaders} give.
 */
final class ServletProblems {
    private static final ObjectWriter JSON = JsonProvider.mapper().writerFor(Problem.class);

    private ServletProblems() {
    }

    static void write(HttpServletResponse response, Problem problem) throws IOException {
        byte[] body = JSON.writeValueAsBytes(problem);
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE + "; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
