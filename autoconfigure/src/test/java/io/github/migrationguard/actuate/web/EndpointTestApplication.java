package io.github.migrationguard.actuate.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small web application with actuator, for the endpoint tests over HTTP. Spring Security is on the test classpath
 * for the secured variant (actuate.security); this application leaves it out, as an application without it would.
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"
        })
class EndpointTestApplication {}
