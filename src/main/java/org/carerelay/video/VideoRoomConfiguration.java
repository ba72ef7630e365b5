package org.carerelay.video;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The durable timer that deletes a room at the vendor after its visit. */
@Configuration
class VideoRoomConfiguration {

    static final String TEARDOWN = "video-room-teardown";

    /** {@code rooms} lazily: the rooms service itself schedules this task, through the scheduler built from it. */
    @Bean
    OneTimeTask<VideoRooms.RoomTeardown> videoRoomTeardownTask(@Lazy VideoRooms rooms) {
        return Tasks.oneTime(TEARDOWN, VideoRooms.RoomTeardown.class)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(60,
                        new FailureHandler.OnFailureRetryLater<>(Duration.ofMinutes(5))))
                .execute((instance, context) -> rooms.tearDown(instance.getData()));
    }
}
