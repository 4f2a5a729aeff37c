package io.proofline.core.api;

import io.proofline.core.CoreProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the API's filters ahead of everything else: authentication first, then the size limit. */
@Configuration(proxyBeanMethods = false)
class ApiFilters {

    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(CoreProperties properties) {
        FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(
                new BearerTokenFilter(properties.apiToken() == null ? "" : properties.apiToken()));
        registration.setEnabled(properties.apiToken() != null);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(CoreProperties properties) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxRequestBytes().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
