package dev.oneira.engine.bench;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a step's time goes, by PyTorch operator: PyTorch's own profiler (started through DJL) records
 * every operator of the timed steps, forward and backward, as a Chrome trace; this reads the trace
 * back and sums each operator's self time (its time minus the operators it called), so the shares
 * add up to the time spent inside PyTorch. Written here because neither DJL nor PyTorch's C++ API
 * hands back the profiler's summary table, only the trace file.
 */
public final class OpProfile {

    /** One operator's total self time over the profiled steps and how often it ran. */
    public record Op(String name, double selfMs, long calls) {}

    /** The operators by self time, largest first, and the sum of all self times. */
    public record Summary(List<Op> ops, double totalMs) {}

    private OpProfile() {
    }

    /** Starts PyTorch's profiler (shapes recorded, no memory profiling). */
    public static void start() {
        JniUtils.startProfile(false, true, false);
    }

    /** Stops the profiler, writing its Chrome trace to {@code trace}, and summarises it. */
    public static Summary stop(Path trace) throws IOException {
        JniUtils.stopProfile(trace.toString());
        return summarise(trace);
    }

    static Summary summarise(Path trace) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(trace));
        JsonNode events = root.isArray() ? root : root.path("traceEvents");
        Map<String, List<double[]>> byThread = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (JsonNode e : events) {
            if (!"X".equals(e.path("ph").asText()) || !e.has("dur")) {
                continue;
            }
            names.add(e.path("name").asText());
            byThread.computeIfAbsent(e.path("tid").asText(), t -> new ArrayList<>())
                    .add(new double[] {e.path("ts").asDouble(), e.path("dur").asDouble(), names.size() - 1});
        }
        Map<String, double[]> totals = new HashMap<>(); // name -> {self microseconds, calls}
        for (List<double[]> thread : byThread.values()) {
            // Parents start first; at equal starts the longer one encloses the other.
            thread.sort(Comparator.<double[]>comparingDouble(e -> e[0]).thenComparing(e -> -e[1]));
            Deque<double[]> open = new ArrayDeque<>(); // {end, index into self[]}
            double[] self = new double[thread.size()];
            for (int i = 0; i < thread.size(); i++) {
                double[] e = thread.get(i);
                while (!open.isEmpty() && open.peek()[0] <= e[0]) {
                    open.pop();
                }
                self[i] = e[1];
                if (!open.isEmpty()) {
                    self[(int) open.peek()[1]] -= e[1];
                }
                open.push(new double[] {e[0] + e[1], i});
            }
            for (int i = 0; i < thread.size(); i++) {
                double[] t = totals.computeIfAbsent(names.get((int) thread.get(i)[2]), n -> new double[2]);
                t[0] += Math.max(0, self[i]);
                t[1]++;
            }
        }
        List<Op> ops = new ArrayList<>();
        double total = 0;
        for (Map.Entry<String, double[]> t : totals.entrySet()) {
            ops.add(new Op(t.getKey(), t.getValue()[0] / 1000.0, (long) t.getValue()[1]));
            total += t.getValue()[0] / 1000.0;
        }
        ops.sort(Comparator.comparingDouble(Op::selfMs).reversed());
        return new Summary(List.copyOf(ops), total);
    }
}
