package dev.oneira.engine.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Which nodes of a {@link KerasGraph} to run for a set of outputs, in order, and when each result
 * can be released: made once per set of outputs and cached by the graph.
 *
 * @param order    the nodes to run, in topological order
 * @param lastUse  per node, the last node in {@code order} that reads its result (-1: none)
 * @param keep     per node, whether it is one of the outputs (never released while running)
 * @param outputs  per requested output, its node or {@link #INPUT}
 */
record GraphPlan(int[] order, int[] lastUse, boolean[] keep, int[] outputs) {

    /** Marker for the input of the graph. */
    static final int INPUT = -1;

    /**
     * @param inputs  per node (stored in topological order), the nodes it reads or {@link #INPUT}
     * @param outputs the nodes asked for, or {@link #INPUT}
     */
    static GraphPlan of(List<int[]> inputs, int[] outputs) {
        int count = inputs.size();
        boolean[] needed = new boolean[count];
        boolean[] keep = new boolean[count];
        Deque<Integer> todo = new ArrayDeque<>();
        for (int idx : outputs) {
            if (idx != INPUT) {
                keep[idx] = true;
                todo.push(idx);
            }
        }
        while (!todo.isEmpty()) {
            int n = todo.pop();
            if (!needed[n]) {
                needed[n] = true;
                for (int in : inputs.get(n)) {
                    if (in != INPUT) {
                        todo.push(in);
                    }
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        int[] lastUse = new int[count];
        Arrays.fill(lastUse, -1);
        for (int n = 0; n < count; n++) {
            if (needed[n]) {
                order.add(n);
                for (int in : inputs.get(n)) {
                    if (in != INPUT) {
                        lastUse[in] = n;
                    }
                }
            }
        }
        return new GraphPlan(order.stream().mapToInt(Integer::intValue).toArray(), lastUse, keep, outputs.clone());
    }
}
