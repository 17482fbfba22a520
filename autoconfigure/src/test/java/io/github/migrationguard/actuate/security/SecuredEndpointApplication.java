package io.github.migrationguard.actuate.security;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A web application secured as docs/security.md shows: the filter chain below is the documented one, word for word.
 */
@SpringBootApplication
class SecuredEndpointApplication {

    static final String OPERATOR_PASSWORD = "operator-secret";

    static final String VIEWER_PASSWORD = "viewer-secret";

    @Bean
    @Order(1) // before the application's own chain
    SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health"))
                        .permitAll()
                        .requestMatchers(EndpointRequest.to("migrationguard").withHttpMethod(HttpMethod.POST))
                        .hasRole("OPERATOR")
                        .requestMatchers(EndpointRequest.to("migrationguard"))
                        .hasAnyRole("OPERATOR", "VIEWER")
                        .anyRequest()
                        .hasRole("OPERATOR"))
                .httpBasic(Customizer.withDefaults())
                // Non-browser clients: credentials on every request, no session, so no CSRF token to ask for
                .sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf((csrf) -> csrf.disable());
        return http.build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("operator")
                        .password("{noop}" + OPERATOR_PASSWORD)
                        .roles("OPERATOR")
                        .build(),
                User.withUsername("viewer")
                        .password("{noop}" + VIEWER_PASSWORD)
                        .roles("VIEWER")
                        .build());
    }
}
