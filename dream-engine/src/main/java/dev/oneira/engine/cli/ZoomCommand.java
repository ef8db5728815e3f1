package dev.oneira.engine.cli;

import dev.oneira.engine.dream.DreamCancelledException;
import dev.oneira.engine.dream.DreamListener;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.image.ImageFileException;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.engine.runtime.DreamRuntime;
import dev.oneira.engine.runtime.RuntimeSetupException;
import dev.oneira.engine.zoom.ZoomAnimator;
import dev.oneira.engine.zoom.ZoomFrame;
import dev.oneira.engine.zoom.ZoomSettings;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.InvalidSpecException;
import dev.oneira.shared.spec.Presets;
import dev.oneira.video.Mp4Writer;
import dev.oneira.video.PreviewLoop;
import dev.oneira.video.VideoException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "zoom", mixinStandardHelpOptions = true,
        description = {"The endless dream: frame 0 is a dream of the photo, each next frame the previous one zoomed "
                + "(rotated, shifted) a little and dreamt a few steps more.",
                "Writes OUT (an H.264 MP4 that plays in browsers and on social networks), OUT's name + "
                + "'-loop.webp' (a 3 s looping preview) and + '-poster.jpg' (frame 0)."})
final class ZoomCommand implements Callable<Integer> {
    static final int PREVIEW_SIDE = 320;
    static final double PREVIEW_SECONDS = 3.0;

    @Parameters(index = "0", paramLabel = "IN", description = "the photo (JPEG or PNG); with --init noise it only gives the size")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "the video to write, .mp4")
    Path output;

    @Mixin
    AnimationOptions animation;

    @Mixin
    DreamOptions options;

    @Mixin
    RunOptions run;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter err = commandSpec.commandLine().getErr();
        if (options.preset == null) {
            options.preset = Presets.ZOOM.name();
        }
        DreamSpec spec;
        try {
            Map<String, String> fields = new LinkedHashMap<>();
            animation.addTo(fields);
            spec = options.spec(fields);
            if (spec.animation() == null) {
                // A still preset (--preset classic) with no animation option: its look, zoomed as the zoom preset is.
                spec = spec.toBuilder().animation(Presets.ZOOM.spec().animation()).build();
                spec.validate();
            }
        } catch (InvalidSpecException e) {
            err.println("oneira zoom: " + e.getMessage());
            return OneiraCli.INVALID_ARGUMENTS;
        }
        ZoomSettings zoom = ZoomSettings.of(spec.animation());
        if (!output.getFileName().toString().toLowerCase().endsWith(".mp4")) {
            err.println("oneira zoom: OUT must be an .mp4 file (was " + output + ")");
            return OneiraCli.INVALID_ARGUMENTS;
        }
        Path folder = output.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            err.println("oneira zoom: cannot write " + output + ": folder " + folder + " does not exist");
            return OneiraCli.CANNOT_WRITE;
        }
        DreamOptions.Inputs inputs;
        try {
            inputs = options.read(input, spec);
        } catch (ImageFileException e) {
            err.println("oneira zoom: " + e.getMessage());
            return OneiraCli.BAD_INPUT;
        }
        try (CtrlC ctrlC = CtrlC.install()) {
            return animate(ctrlC, spec.withSeedChosenIfAbsent(), zoom, inputs, err);
        }
    }

    private int animate(CtrlC ctrlC, DreamSpec spec, ZoomSettings zoom, DreamOptions.Inputs inputs, PrintWriter err) {
        String base = output.getFileName().toString().replaceFirst("(?i)\\.mp4$", "");
        Path loop = output.resolveSibling(base + "-loop.webp");
        Path poster = output.resolveSibling(base + "-poster.jpg");
        ProgressBar progress = run.progress(err);
        Path partial = null;
        try (DreamRuntime runtime = DreamRuntime.start(run.threads)) {
            // Written under a name of its own, then moved: OUT is never a half-written video, and two
            // runs writing the same OUT do not share a partial file.
            partial = Files.createTempFile(output.toAbsolutePath().getParent(), "." + base + "-", ".partial.mp4");
            progress.info(String.format("zooming %s (%dx%d), %d frames at %d fps, seed %d, on %s", input,
                    inputs.photo().getWidth(), inputs.photo().getHeight(), zoom.frames(), spec.animation().fps(), spec.seed(),
                    runtime.describe()));
            long start = System.nanoTime();
            try (Mp4Writer writer = Mp4Writer.open(partial, inputs.photo().getWidth(), inputs.photo().getHeight(),
                    spec.animation().fps())) {
                // Frame 0's steps show as a dream's do; later frames as one line each.
                boolean[] first = {true};
                java.awt.image.BufferedImage[] frameZero = new java.awt.image.BufferedImage[1];
                DreamListener frameZeroSteps = step -> {
                    if (first[0]) {
                        progress.onStep(step);
                    }
                };
                new ZoomAnimator(runtime.engine()).animate(inputs.planes(), spec, zoom, spec.seed(), null,
                        (ZoomFrame frame) -> {
                            if (frame.index() == 0) {
                                first[0] = false;
                                progress.done();
                                frameZero[0] = ImageConversions.toImage(frame.image());
                            }
                            writer.write(frame.index() == 0 ? frameZero[0] : ImageConversions.toImage(frame.image()));
                            progress.frame(frame.index(), frame.total(), frame.elapsed());
                        },
                        frameZeroSteps, ctrlC::cancelled);
                ImageFiles.write(frameZero[0], poster);
            }
            progress.done();
            readableByAll(partial);
            Files.move(partial, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            PreviewLoop.fromVideo(output, loop, PREVIEW_SIDE, PREVIEW_SECONDS);
            progress.info(String.format("wrote %s, %s and %s in %.1f s (seed %d, %.2f s per frame)", output, loop, poster,
                    (System.nanoTime() - start) / 1e9, spec.seed(), (System.nanoTime() - start) / 1e9 / zoom.frames()));
            return 0;
        } catch (RuntimeSetupException e) {
            err.println("oneira zoom: " + e.getMessage());
            return OneiraCli.CANNOT_START;
        } catch (DreamCancelledException e) {
            err.println();
            err.println("oneira zoom: interrupted; no video was written");
            return OneiraCli.INTERRUPTED;
        } catch (VideoException | ImageFileException e) {
            err.println("oneira zoom: " + e.getMessage());
            return OneiraCli.CANNOT_WRITE;
        } catch (IOException e) {
            err.println("oneira zoom: cannot write " + output + ": " + e.getMessage());
            return OneiraCli.CANNOT_WRITE;
        } finally {
            try {
                if (partial != null) {
                    Files.deleteIfExists(partial);
                }
            } catch (IOException ignored) {
                // A leftover hidden partial file is harmless; the error that matters is reported above.
            }
        }
    }

    /** A temporary file is private (rw-------); the video is as readable as any file the user writes. */
    private static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
