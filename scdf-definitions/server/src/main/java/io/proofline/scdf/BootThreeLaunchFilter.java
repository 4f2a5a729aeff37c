package io.proofline.scdf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Sends the dashboard's task launches to the launch endpoint for Spring Boot 3 applications.
 * Dashboard 3.2 launches with {@code POST /tasks/executions}, which the 2.11 server refuses for a
 * Boot 3 application ("cannot be launched for boot2"); {@code POST /tasks/executions/launch}
 * takes the same form and answers {@code {"executionId":..,"schemaTarget":"boot3"}}, of which
 * the dashboard wants the id alone. Every Proofline task is a Boot 3+ application.
 */
final class BootThreeLaunchFilter extends OncePerRequestFilter {

    static final String DASHBOARD_LAUNCH = "/tasks/executions";
    static final String BOOT3_LAUNCH = "/tasks/executions/launch";

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && DASHBOARD_LAUNCH.equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        request.getRequestDispatcher(BOOT3_LAUNCH).forward(request, answer);
        byte[] body = answer.getContentAsByteArray();
        if (answer.getStatus() < 300) {
            JsonNode launched = json.readTree(body);
            body = launched.path("executionId").asText().getBytes(StandardCharsets.UTF_8);
            answer.resetBuffer();
            response.setContentType("application/json");
        }
        response.setStatus(answer.getStatus());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
