package dev.oneira.shared.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void namesTheAgreedTopicsAndGroup() {
        assertThat(Topics.DREAM_REQUESTS).isEqualTo("dream-requests");
        assertThat(Topics.DREAM_EVENTS).isEqualTo("dream-events");
        assertThat(Topics.DREAM_REQUESTS_DLQ).isEqualTo("dream-requests-dlq");
        assertThat(Topics.WORKER_GROUP).isEqualTo("dream-workers");
    }
}
