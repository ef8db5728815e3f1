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
 * {@code oneira.moderation.hold-threshold}: its bounds are checked as the configuration is read, in words
 * naming the key and its environment variable, and application.properties (which reads the variable, as the
 * deployment files set it) falls back to the same default as the mapping.
 */
class ModerationConfigTest {

    private final HoldThresholdConverter converter = new HoldThresholdConverter();

    @Test
    void aThresholdOutsideZeroToOneIsRefusedAsItIsReadNamingTheKeyTheVariableAndTheBounds() {
        assertThatThrownBy(() -> converter.convert("1.5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("oneira.moderation.hold-threshold (env MODERATION_HOLD_THRESHOLD): ")
                .hasMessageContaining("from 0 to 1").hasMessageContaining("1.5");
        assertThatThrownBy(() -> converter.convert("-0.2")).hasMessageContaining("-0.2");
        assertThatThrownBy(() -> converter.convert("half")).hasMessageContaining("MODERATION_HOLD_THRESHOLD")
                .hasMessageContaining("a number from 0 to 1, not \"half\"");
        assertThat(converter.convert("0")).isZero();
        assertThat(converter.convert(" 1 ")).isEqualTo(1.0);
        assertThat(converter.convert("")).as("not set: the default").isNull();
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
        assertThat(converter.convert(mappingDefault)).isBetween(0.0, 1.0);
    }
}
