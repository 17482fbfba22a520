package io.github.migrationguard.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when a property has text. {@code @ConditionalOnProperty} would also match a blank value (for example
 * {@code cron: ${SNAPSHOT_CRON:}}), which means "unset" to a user and to {@link GuardSettingsFactory}.
 */
abstract class OnPropertyTextCondition extends SpringBootCondition {

    private final String property;

    OnPropertyTextCondition(String property) {
        this.property = property;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String value = context.getEnvironment().getProperty(this.property);
        if (StringUtils.hasText(value)) {
            return ConditionOutcome.match(this.property + " is set");
        }
        return ConditionOutcome.noMatch(this.property + " is not set or blank");
    }

    /**
     * Matches when {@code migration-guard.schedule.cron} has text.
     */
    static final class OnScheduleCron extends OnPropertyTextCondition {

        OnScheduleCron() {
            super("migration-guard.schedule.cron");
        }
    }

    /**
     * Matches when {@code migration-guard.remote.uri} has text.
     */
    static final class OnRemoteUri extends OnPropertyTextCondition {

        OnRemoteUri() {
            super("migration-guard.remote.uri");
        }
    }
}
