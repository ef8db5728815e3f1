package dev.oneira.engine.cli;

import dev.oneira.engine.dream.DreamCancelledException;
import dev.oneira.engine.dream.DreamInputs;
import dev.oneira.engine.dream.DreamResult;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.image.ImageFileException;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.engine.runtime.DreamRuntime;
import dev.oneira.engine.runtime.RuntimeSetupException;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.InvalidSpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "dream", mixinStandardHelpOptions = true,
        description = "Dream on a photo (JPEG or PNG) and write the dream as PNG or JPEG (by OUT's extension).")
final class DreamCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "the photo (JPEG or PNG); with --init noise it only gives the size")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "where to write the dream: .png, .jpg or .jpeg")
    Path output;

    @Mixin
    DreamOptions options;

    @Mixin
    RunOptions run;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter err = commandSpec.commandLine().getErr();
        DreamSpec spec;
        try {
            spec = options.spec();
        } catch (InvalidSpecException e) {
            err.println("oneira dream: " + e.getMessage());
            return OneiraCli.INVALID_ARGUMENTS;
        }
        try {
            ImageFiles.Format.of(output);
        } catch (ImageFileException e) {
            err.println("oneira dream: " + e.getMessage());
            return OneiraCli.INVALID_ARGUMENTS;
        }
        Path folder = output.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            err.println("oneira dream: cannot write " + output + ": folder " + folder + " does not exist");
            return OneiraCli.CANNOT_WRITE;
        }
        BufferedImage photo;
        DreamInputs inputs;
        try {
            DreamOptions.Inputs read = options.read(input, spec);
            photo = read.photo();
            inputs = read.planes();
        } catch (ImageFileException e) {
            err.println("oneira dream: " + e.getMessage());
            return OneiraCli.BAD_INPUT;
        }

        try (CtrlC ctrlC = CtrlC.install()) {
            return dream(ctrlC, spec, photo, inputs, err);
        }
    }

    private int dream(CtrlC ctrlC, DreamSpec spec, BufferedImage photo, DreamInputs inputs, PrintWriter err) {
        try (DreamRuntime runtime = DreamRuntime.start(run.threads)) {
            ProgressBar progress = run.progress(err);
            progress.info("dreaming " + input + " (" + photo.getWidth() + "x" + photo.getHeight() + ") on " + runtime.describe());
            DreamResult result = runtime.engine().dream(inputs, spec, progress, ctrlC::cancelled);
            progress.done();
            result.notices().forEach(n -> progress.info("note: " + n));
            ImageFiles.write(ImageConversions.toImage(result.image()), output);
            progress.info(String.format("wrote %s in %.1f s (seed %d, %d steps, final loss %.4f)",
                    output, result.elapsed().toMillis() / 1000.0, result.seed(), result.steps(), result.finalLoss()));
            return 0;
        } catch (RuntimeSetupException e) {
            err.println("oneira dream: " + e.getMessage());
            return OneiraCli.CANNOT_START;
        } catch (DreamCancelledException e) {
            err.println();
            err.println("oneira dream: interrupted; nothing was written");
            return OneiraCli.INTERRUPTED;
        } catch (ImageFileException e) {
            err.println("oneira dream: " + e.getMessage());
            return OneiraCli.CANNOT_WRITE;
        }
    }
}
