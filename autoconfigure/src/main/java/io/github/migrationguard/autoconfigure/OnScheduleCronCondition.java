package io.github.migrationguard.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code migration-guard.schedule.cron} has text. {@code @ConditionalOnProperty} would also match a blank
 * value (for example {@code cron: ${SNAPSHOT_CRON:}}), which means "no schedule" to a user.
 */
final class OnScheduleCronCondition extends SpringBootCondition {

    static final String PROPERTY = "migration-guard.schedule.cron";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String cron = context.getEnvironment().getProperty(PROPERTY);
        if (StringUtils.hasText(cron)) {
            return ConditionOutcome.match(PROPERTY + " is set");
        }
        return ConditionOutcome.noMatch(PROPERTY + " is not set or blank");
    }
}
