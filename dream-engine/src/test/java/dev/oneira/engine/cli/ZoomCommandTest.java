package dev.oneira.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.oneira.video.VideoInfo;
import dev.oneira.video.VideoProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user of {@code oneira zoom} gets: the video, its preview loop and poster, or one clear line. */
class ZoomCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path photo() throws IOException {
        return CliRun.photo(dir);
    }

    @Test
    void writes_the_video_its_looping_preview_and_its_poster() throws Exception {
        Path out = dir.resolve("cat.mp4");

        CliRun o = run("zoom", photo().toString(), out.toString(), "--max-side", "96", "--octaves", "0..0",
                "--steps", "1", "--tile", "128", "--frames", "5", "--fps", "10", "--steps-per-frame", "1",
                "--seed", "3", "--threads", "2", "--quiet");

        assertThat(o.exitCode()).as(o.err()).isZero();
        VideoInfo video = VideoProbe.probe(out);
        assertThat(video.codec()).isEqualTo("h264");
        assertThat(video.frames()).isEqualTo(5);
        assertThat(video.fps()).isCloseTo(10.0, within(1e-6));
        assertThat(video.width()).isEqualTo(96);
        assertThat(video.height()).isEqualTo(64);
        assertThat(Files.size(dir.resolve("cat-loop.webp"))).isPositive();
        assertThat(ImageIO.read(dir.resolve("cat-poster.jpg").toFile()).getWidth()).isEqualTo(96);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no partial file left")
                    .containsExactlyInAnyOrder("cat.png", "cat.mp4", "cat-loop.webp", "cat-poster.jpg");
        }
    }

    @Test
    void bad_settings_get_one_line_naming_the_field_and_its_bounds_and_nothing_is_written() throws Exception {
        Path in = photo();

        CliRun zoom = run("zoom", in.toString(), dir.resolve("a.mp4").toString(), "--zoom", "2", "--frames", "1");
        CliRun mask = run("zoom", in.toString(), dir.resolve("b.mp4").toString(), "--mask", in.toString());
        CliRun notMp4 = run("zoom", in.toString(), dir.resolve("c.gif").toString());

        assertThat(zoom.exitCode()).isEqualTo(OneiraCli.INVALID_ARGUMENTS);
        assertThat(zoom.err()).contains("zoom must be between 0.8 and 1.25 (was 2)").contains("frames must be between 2 and 600");
        assertThat(mask.exitCode()).isEqualTo(OneiraCli.INVALID_ARGUMENTS);
        assertThat(mask.err()).contains("mask cannot be used with an animation");
        assertThat(notMp4.exitCode()).isEqualTo(OneiraCli.INVALID_ARGUMENTS);
        assertThat(notMp4.err()).contains(".mp4");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("cat.png");
        }
    }
}
