package dev.oneira.engine.dream;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an image into tiles that together cover every pixel exactly once.
 *
 * <p>Each side is cut into near-equal parts of at most {@code tileSize}, but never into parts
 * smaller than the network's minimum input, so a thin remainder never becomes a tile that the
 * network cannot see through: such a remainder is shared out, so a tile can exceed
 * {@code tileSize} by less than the minimum side. (The TensorFlow tutorial drops the remainder instead and relies on
 * the roll to reach it over later steps; here every step sees the whole image.)
 */
public record TileGrid(List<Tile> tiles) {

    public record Tile(int y, int x, int height, int width) {}

    public static TileGrid cover(int height, int width, int tileSize, int minimumSide) {
        if (tileSize < minimumSide) {
            throw new IllegalArgumentException("tile size " + tileSize + " is below the network's minimum input side " + minimumSide);
        }
        int[] ys = cuts(height, tileSize, minimumSide);
        int[] xs = cuts(width, tileSize, minimumSide);
        List<Tile> tiles = new ArrayList<>();
        for (int i = 0; i + 1 < ys.length; i++) {
            for (int j = 0; j + 1 < xs.length; j++) {
                tiles.add(new Tile(ys[i], xs[j], ys[i + 1] - ys[i], xs[j + 1] - xs[j]));
            }
        }
        return new TileGrid(List.copyOf(tiles));
    }

    private static int[] cuts(int length, int tileSize, int minimumSide) {
        int parts = Math.max(1, Math.min(ceilDiv(length, tileSize), length / minimumSide));
        int[] cuts = new int[parts + 1];
        for (int i = 0; i <= parts; i++) {
            cuts[i] = (int) ((long) length * i / parts);
        }
        return cuts;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    public int largestTileArea() {
        return tiles.stream().mapToInt(t -> t.height() * t.width()).max().orElse(0);
    }
}
