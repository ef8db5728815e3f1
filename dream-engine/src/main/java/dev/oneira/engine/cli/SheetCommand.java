package dev.oneira.engine.cli;

import dev.oneira.engine.dream.DreamCancelledException;
import dev.oneira.engine.dream.DreamInputs;
import dev.oneira.engine.dream.DreamListener;
import dev.oneira.engine.dream.DreamResult;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.image.ImageFileException;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.engine.runtime.DreamRuntime;
import dev.oneira.engine.runtime.RuntimeSetupException;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.DreamSpecFields;
import dev.oneira.shared.spec.InvalidSpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A contact sheet: every photo (a row) dreamt with every column's settings, with the photo first.
 * This is how presets, strengths and channels are judged: by looking at them side by side, made by
 * the engine itself with fixed seeds so that a sheet can be made again.
 */
@Command(name = "sheet", mixinStandardHelpOptions = true,
        description = "Dream each photo with each column's settings and write a labelled contact sheet (PNG or JPEG).")
final class SheetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OUT", description = "the sheet: .png, .jpg or .jpeg")
    Path output;

    @Option(names = "--photo", required = true, paramLabel = "FILE", description = "a photo: one row each (repeat the option)")
    List<Path> photos;

    @Option(names = "--column", required = true, paramLabel = "LABEL:FIELD=VALUE&...",
            description = "a column: its label, then dream settings as spec fields joined by &, e.g. "
                    + "'classic 8:preset=classic&strength=8' or 'eyes:layers=mixed4/97:1' (repeat the option)")
    List<String> columns;

    @Option(names = "--max-side", defaultValue = "384", description = "each photo's longer side while dreaming (default 384)")
    int maxSide;

    @Option(names = "--cell", defaultValue = "256", description = "each picture's longer side on the sheet (default 256)")
    int cell;

    @Option(names = "--seed", defaultValue = "1", description = "the seed of every dream (default 1)")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch threads (0 = all cores)")
    int threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    private record Column(String label, DreamSpec spec) {}

    @Override
    public Integer call() {
        PrintWriter err = commandSpec.commandLine().getErr();
        List<Column> parsed = new ArrayList<>();
        for (String column : columns) {
            int colon = column.indexOf(':');
            if (colon <= 0) {
                err.println("oneira sheet: a column must be LABEL:FIELD=VALUE&... (was " + column + ")");
                return OneiraCli.INVALID_ARGUMENTS;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : column.substring(colon + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2) {
                    fields.put(kv[0].trim(), kv[1].trim());
                }
            }
            fields.putIfAbsent("seed", Long.toString(seed));
            fields.put("maxSide", Integer.toString(maxSide));
            try {
                parsed.add(new Column(column.substring(0, colon), DreamSpecFields.parse(fields)));
            } catch (InvalidSpecException e) {
                err.println("oneira sheet: column " + column.substring(0, colon) + ": " + e.getMessage());
                return OneiraCli.INVALID_ARGUMENTS;
            }
        }
        List<BufferedImage> rows = new ArrayList<>();
        try (DreamRuntime runtime = DreamRuntime.start(threads)) {
            for (Path photoFile : photos) {
                BufferedImage photo = ImageFiles.fitWithin(ImageFiles.read(photoFile), maxSide);
                List<BufferedImage> cells = new ArrayList<>();
                List<String> labels = new ArrayList<>();
                cells.add(photo);
                labels.add(photoFile.getFileName() + " " + photo.getWidth() + "x" + photo.getHeight());
                for (Column c : parsed) {
                    long t0 = System.nanoTime();
                    DreamResult r = runtime.engine().dream(DreamInputs.of(ImageConversions.toPlanes(photo)), c.spec(),
                            DreamListener.NONE, () -> false);
                    cells.add(ImageConversions.toImage(r.image()));
                    labels.add(c.label());
                    err.printf("%s / %s: %.1f s%n", photoFile.getFileName(), c.label(), (System.nanoTime() - t0) / 1e9);
                    err.flush();
                }
                rows.add(row(cells, labels));
                // Written after every row, so a long sheet can be looked at while it grows.
                ImageFiles.write(stack(rows), output);
            }
            err.println("wrote " + output);
            return 0;
        } catch (RuntimeSetupException e) {
            err.println("oneira sheet: " + e.getMessage());
            return OneiraCli.CANNOT_START;
        } catch (ImageFileException e) {
            err.println("oneira sheet: " + e.getMessage());
            return OneiraCli.BAD_INPUT;
        } catch (DreamCancelledException e) {
            return OneiraCli.INTERRUPTED;
        }
    }

    private static final int LABEL_HEIGHT = 20;
    private static final int GAP = 4;

    private BufferedImage row(List<BufferedImage> cells, List<String> labels) {
        int width = cells.size() * (cell + GAP) + GAP;
        int height = cell + LABEL_HEIGHT + 2 * GAP;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < cells.size(); i++) {
            BufferedImage picture = ImageFiles.fitWithin(cells.get(i), cell);
            int x = GAP + i * (cell + GAP);
            g.drawImage(picture, x + (cell - picture.getWidth()) / 2, GAP + (cell - picture.getHeight()) / 2, null);
            g.setColor(Color.DARK_GRAY);
            g.drawString(labels.get(i), x + 2, GAP + cell + 15);
        }
        g.dispose();
        return out;
    }

    private static BufferedImage stack(List<BufferedImage> rows) {
        int width = rows.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int height = rows.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int y = 0;
        for (BufferedImage row : rows) {
            g.drawImage(row, 0, y, null);
            y += row.getHeight();
        }
        g.dispose();
        return out;
    }
}
