package dev.oneira.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.smallrye.config.WithDefault;

/**
 * {@code oneira.moderation.hold-threshold}: its bounds are checked at start with words naming the key
 * and its environment variable, and application.properties (which reads the variable, as the
 * deployment files set it) falls back to the same default as the mapping.
 */
class ModerationConfigTest {

    @Test
    void aThresholdOutsideZeroToOneStopsTheWorkerNamingTheKeyTheVariableAndTheBounds() {
        assertThatThrownBy(() -> WorkerBeans.holdThreshold(() -> 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("oneira.moderation.hold-threshold (env MODERATION_HOLD_THRESHOLD): ")
                .hasMessageContaining("from 0 to 1").hasMessageContaining("1.5");
        assertThatThrownBy(() -> WorkerBeans.holdThreshold(() -> -0.2)).hasMessageContaining("-0.2");
        assertThat(WorkerBeans.holdThreshold(() -> 0.0)).isZero();
        assertThat(WorkerBeans.holdThreshold(() -> 1.0)).isEqualTo(1.0);
    }

    @Test
    void applicationPropertiesReadsTheVariableWithTheMappingsOneDefault() throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            props.load(in);
        }
        String value = props.getProperty(ModerationConfig.HOLD_THRESHOLD_KEY);
        Matcher m = Pattern.compile("\\$\\{" + ModerationConfig.HOLD_THRESHOLD_ENV + ":([^}]*)}").matcher(value);
        assertThat(m.matches()).as(value).isTrue();
        String mappingDefault = ModerationConfig.class.getMethod("holdThreshold").getAnnotation(WithDefault.class)
                .value();
        assertThat(m.group(1)).isEqualTo(mappingDefault);
        assertThat(WorkerBeans.holdThreshold(() -> Double.parseDouble(mappingDefault))).isBetween(0.0, 1.0);
    }
}
