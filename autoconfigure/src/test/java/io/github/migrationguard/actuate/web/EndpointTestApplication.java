package io.github.migrationguard.actuate.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small web application with actuator, for the endpoint tests over HTTP.
 */
@SpringBootApplication
class EndpointTestApplication {}
