package dev.oneira.engine.cli;

import dev.oneira.engine.dream.DreamListener;
import dev.oneira.engine.dream.DreamStep;

import java.io.PrintWriter;

/**
 * On a terminal, one line redrawn in place; elsewhere (logs, pipes) one line per octave, so that
 * scripts get readable output.
 */
final class ProgressBar implements DreamListener {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final boolean enabled;
    private final boolean terminal;
    private boolean drawn;

    ProgressBar(PrintWriter out, boolean enabled, boolean terminal) {
        this.out = out;
        this.enabled = enabled;
        this.terminal = terminal;
    }

    void info(String line) {
        if (enabled) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void onStep(DreamStep s) {
        if (!enabled) {
            return;
        }
        String text = String.format("octave %d/%d %dx%d  step %d/%d  loss %.4f  %.1f s",
                s.octave() + 1, s.octaveCount(), s.width(), s.height(), s.step(), s.stepsPerOctave(), s.loss(),
                s.elapsed().toMillis() / 1000.0);
        if (terminal) {
            int filled = (int) Math.round(s.fraction() * WIDTH);
            out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                    + String.format("%3d%% ", Math.round(s.fraction() * 100)) + text + "   ");
            out.flush();
            drawn = true;
        } else if (s.lastOfOctave()) {
            out.println(text);
            out.flush();
        }
    }

    /** One line per finished frame of an animation (redrawn in place on a terminal). */
    void frame(int index, int total, java.time.Duration elapsed) {
        if (!enabled) {
            return;
        }
        String text = String.format("frame %d/%d  %.1f s", index + 1, total, elapsed.toMillis() / 1000.0);
        if (terminal) {
            out.print("\r" + text + "   ");
            drawn = true;
        } else {
            out.println(text);
        }
        out.flush();
    }

    void done() {
        if (enabled && drawn) {
            out.println();
            out.flush();
            drawn = false;
        }
    }
}
