package io.proofline.scdf;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adds {@code schemaTarget=boot3} to the job and task execution requests that come without one.
 * The 2.11 server keeps Spring Boot 3 applications' executions apart (tables prefixed
 * {@code BOOT3_}) and finds them only when a request names that schema target; dashboard 3.2
 * never sends the parameter, so without this filter the dashboard's job execution pages and its
 * restart button look in the Boot 2 tables. Every Proofline task is a Boot 3+ application.
 */
final class SchemaTargetFilter extends OncePerRequestFilter {

    static final String PARAMETER = "schemaTarget";
    static final String BOOT3 = "boot3";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request.getParameter(PARAMETER) == null ? new WithBoot3Target(request) : request, response);
    }

    private static final class WithBoot3Target extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        WithBoot3Target(HttpServletRequest request) {
            super(request);
            Map<String, String[]> p = new LinkedHashMap<>(request.getParameterMap());
            p.put(PARAMETER, new String[] {BOOT3});
            this.parameters = Collections.unmodifiableMap(p);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }

        @Override
        public String getQueryString() {
            String query = super.getQueryString();
            return (query == null || query.isEmpty() ? "" : query + "&") + PARAMETER + "=" + BOOT3;
        }
    }
}
