package dev.oneira.engine.cli;

import dev.oneira.engine.image.ImageFileException;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.engine.network.NsfwClassifier;
import dev.oneira.shared.moderation.NsfwScores;
import dev.oneira.engine.runtime.DreamRuntime;
import dev.oneira.engine.runtime.RuntimeSetupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "What the nsfwjs classifier (the network Oneira dreams with, whole) sees in pictures: "
                + "drawing, hentai, neutral, porn and sexy with their probabilities, most probable first.")
final class ClassifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "pictures (JPEG or PNG)")
    List<Path> images;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch threads (0 = all cores)")
    int threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        try (DreamRuntime runtime = DreamRuntime.start(threads)) {
            NsfwClassifier classifier = runtime.classifier();
            int unreadable = 0;
            for (Path image : images) {
                BufferedImage picture;
                try {
                    picture = ImageFiles.read(image);
                } catch (ImageFileException e) {
                    err.println("oneira classify: " + e.getMessage());
                    unreadable++;
                    continue;
                }
                NsfwScores scores = classifier.classify(picture);
                if (images.size() > 1) {
                    out.println(image + ":");
                }
                for (Map.Entry<String, Double> c : scores.ranked()) {
                    out.printf("%-8s %.4f%n", c.getKey(), c.getValue());
                }
                out.flush();
            }
            return unreadable == 0 ? 0 : OneiraCli.BAD_INPUT;
        } catch (RuntimeSetupException e) {
            err.println("oneira classify: " + e.getMessage());
            return OneiraCli.CANNOT_START;
        }
    }
}
