package io.proofline.scdf;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What Proofline adds to the stock server: see {@link SchemaTargetFilter} and {@link BootThreeLaunchFilter}. */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

    @Bean
    FilterRegistrationBean<SchemaTargetFilter> schemaTargetFilter() {
        FilterRegistrationBean<SchemaTargetFilter> registration = new FilterRegistrationBean<>(new SchemaTargetFilter());
        registration.addUrlPatterns("/jobs/*", "/tasks/executions", "/tasks/executions/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<BootThreeLaunchFilter> bootThreeLaunchFilter() {
        FilterRegistrationBean<BootThreeLaunchFilter> registration = new FilterRegistrationBean<>(new BootThreeLaunchFilter());
        registration.addUrlPatterns(BootThreeLaunchFilter.DASHBOARD_LAUNCH);
        return registration;
    }
}
