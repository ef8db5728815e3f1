package dev.oneira.engine.cli;

import dev.oneira.engine.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user of {@code oneira dream} sees: exit codes scripts can rely on, one-line errors. */
class DreamCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path photo() throws IOException {
        return CliRun.photo(dir);
    }

    private String[] quick(Path in, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("dream", in.toString(), out.toString(), "--max-side", "96",
                "--octaves", "0..0", "--steps", "2", "--tile", "128", "--seed", "7", "--threads", "2"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void dreamsAPhotoIntoAPngOfTheScaledSize() throws IOException {
        Path out = dir.resolve("dream.png");
        CliRun o = run(quick(photo(), out));

        assertThat(o.exitCode()).as(o.err()).isZero();
        BufferedImage dream = ImageIO.read(out.toFile());
        assertThat(dream.getWidth()).isEqualTo(96);
        assertThat(dream.getHeight()).isEqualTo(64);
        assertThat(o.err()).contains("seed 7");
    }

    @Test
    void writesJpegWhenTheOutputNameSaysSo() throws IOException {
        Path out = dir.resolve("dream.jpg");
        assertThat(run(quick(photo(), out)).exitCode()).isZero();
        byte[] bytes = Files.readAllBytes(out);
        assertThat(bytes[0] & 0xff).isEqualTo(0xFF); // JPEG SOI marker
        assertThat(bytes[1] & 0xff).isEqualTo(0xD8);
    }

    @Test
    void aMissingInputFileExitsWith3AndSaysSo() {
        CliRun o = run(quick(dir.resolve("nope.jpg"), dir.resolve("out.png")));
        assertThat(o.exitCode()).isEqualTo(3);
        assertThat(o.err()).contains("no such file").contains("nope.jpg");
    }

    @Test
    void aFileThatIsNotAnImageExitsWith3AndNamesWhatIsAccepted() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "not a picture");
        CliRun o = run(quick(text, dir.resolve("out.png")));
        assertThat(o.exitCode()).isEqualTo(3);
        assertThat(o.err()).contains("notes.jpg").contains("JPEG or PNG");
    }

    @Test
    void anUnknownLayerExitsWith2AndListsTheOfferedOnes() throws IOException {
        CliRun o = run(quick(photo(), dir.resolve("out.png"), "--layers", "mixed9:1"));
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("mixed9").contains("mixed0").contains("mixed5").contains("NSFW");
        assertThat(dir.resolve("out.png")).doesNotExist();
    }

    @Test
    void anOutOfRangeValueExitsWith2AndNamesTheFieldAndRange() throws IOException {
        CliRun o = run(quick(photo(), dir.resolve("out.png"), "--step-size", "5"));
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("stepSize").contains("0.5").contains("was 5");
    }

    @Test
    void anUnknownOutputExtensionExitsWith2BeforeAnyWork() throws IOException {
        CliRun o = run(quick(photo(), dir.resolve("out.gif")));
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains(".png").contains(".jpg");
    }

    @Test
    void anOutputInAMissingFolderExitsWith4() throws IOException {
        CliRun o = run(quick(photo(), dir.resolve("missing/out.png")));
        assertThat(o.exitCode()).isEqualTo(4);
        assertThat(o.err()).contains("does not exist");
    }

    @Test
    void anUnknownOptionExitsWith2WithOneLineAndAHint() {
        CliRun o = run("dream", "a.png", "b.png", "--bogus");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().lines().count()).isEqualTo(2);
        assertThat(o.err()).contains("--bogus").contains("--help");
    }

    @Test
    void imagesWithAlphaAreFlattenedOnWhite() throws Exception {
        BufferedImage transparent = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        Path p = dir.resolve("clear.png");
        ImageIO.write(transparent, "png", p.toFile());
        assertThat(ImageFiles.read(p).getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void dreamsWithAMaskKeptColoursAChannelTheLaplacianGradientAndAGuide() throws IOException {
        Path mask = dir.resolve("mask.png");
        BufferedImage half = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB); // transparent = keep the photo
        for (int y = 0; y < 40; y++) {
            for (int x = 20; x < 40; x++) {
                half.setRGB(x, y, 0xffffffff);
            }
        }
        ImageIO.write(half, "png", mask.toFile());
        Path out = dir.resolve("dream.png");
        Path cat = photo();

        CliRun o = run(quick(cat, out, "--mask", mask.toString(), "--keep-colors", "--gradient", "laplacian",
                "--layers", "mixed3/100:1,mixed4:1", "--guide", cat.toString(),
                "--octave-detail", "tutorial", "--strength", "7"));

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(ImageIO.read(out.toFile()).getWidth()).isEqualTo(96);
    }

    @Test
    void aMaskThatIsNotAnImageExitsWith3() throws IOException {
        Path notes = Files.writeString(dir.resolve("mask.png"), "not a picture");
        CliRun o = run(quick(photo(), dir.resolve("out.png"), "--mask", notes.toString()));

        assertThat(o.exitCode()).isEqualTo(3);
        assertThat(o.err()).contains("mask.png").contains("JPEG or PNG");
    }

    @Test
    void aChannelOutOfItsLayersRangeExitsWith2AndListsTheRanges() throws IOException {
        CliRun o = run(quick(photo(), dir.resolve("out.png"), "--layers", "mixed0/300:1"));

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("channel of mixed0 must be between 0 and 255 (was 300)").contains("mixed5 0-767");
    }
}
