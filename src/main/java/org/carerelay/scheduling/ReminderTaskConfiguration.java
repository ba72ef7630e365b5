package org.carerelay.scheduling;

import java.time.Duration;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.boot.autoconfigure.Jackson3Serializer;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The db-scheduler task behind every reminder (db-scheduler's starter hands it to the scheduler). */
@Configuration
class ReminderTaskConfiguration {

    static final String TASK = "appointment-reminder";
    /** A reminder that failed (the database was away) is tried again a minute later, up to an hour. */
    private static final int RETRIES = 60;

    /** Task data as JSON, which survives a change of the class (Java serialization, db-scheduler's default, not). */
    @Bean
    DbSchedulerCustomizer jsonTaskData() {
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<Serializer> serializer() {
                return Optional.of(new Jackson3Serializer());
            }
        };
    }

    @Bean
    OneTimeTask<ReminderTimer> appointmentReminderTask(ReminderSender sender) {
        return Tasks.oneTime(TASK, ReminderTimer.class)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(RETRIES,
                        new FailureHandler.OnFailureRetryLater<>(Duration.ofMinutes(1))))
                .execute((instance, context) -> sender.send(instance.getData()));
    }
}
