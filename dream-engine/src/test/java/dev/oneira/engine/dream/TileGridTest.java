package dev.oneira.engine.dream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TileGridTest {

    @ParameterizedTest(name = "{0}x{1} in tiles of {2} (minimum {3})")
    @CsvSource({
        "375,500,512,75", "768,1024,512,75", "1298,1730,512,75", "300,451,128,75",
        "129,129,128,75", "76,1000,128,75", "75,75,512,75", "513,2000,512,75", "10,12,5,3"})
    void tilesCoverEveryPixelExactlyOnceAndStayWithinBounds(int height, int width, int tile, int minimum) {
        TileGrid grid = TileGrid.cover(height, width, tile, minimum);
        int[][] hits = new int[height][width];
        for (TileGrid.Tile t : grid.tiles()) {
            // A tile grows past tileSize only to absorb a remainder too thin to be a tile itself.
            assertThat(t.height()).isBetween(Math.min(minimum, height), tile + minimum - 1);
            assertThat(t.width()).isBetween(Math.min(minimum, width), tile + minimum - 1);
            for (int y = t.y(); y < t.y() + t.height(); y++) {
                for (int x = t.x(); x < t.x() + t.width(); x++) {
                    hits[y][x]++;
                }
            }
        }
        for (int[] row : hits) {
            assertThat(row).containsOnly(1);
        }
    }

    @Test
    void anImageThatFitsOneTileIsOneTile() {
        assertThat(TileGrid.cover(375, 500, 512, 75).tiles()).containsExactly(new TileGrid.Tile(0, 0, 375, 500));
    }

    @Test
    void aLargeImageIsCutIntoNearEqualTiles() {
        assertThat(TileGrid.cover(768, 1024, 512, 75).tiles()).containsExactly(
                new TileGrid.Tile(0, 0, 384, 512), new TileGrid.Tile(0, 512, 384, 512),
                new TileGrid.Tile(384, 0, 384, 512), new TileGrid.Tile(384, 512, 384, 512));
    }

    @Test
    void aThinRemainderIsNotMadeATileTooSmallForTheNetwork() {
        // 130 = 128 + 2: two near-equal parts would be 65 wide, below the network's 75.
        assertThat(TileGrid.cover(130, 130, 128, 75).tiles()).hasSize(1);
    }

    @Test
    void aTileSmallerThanTheNetworkCanSeeIsRefused() {
        assertThatThrownBy(() -> TileGrid.cover(300, 300, 64, 75))
                .hasMessageContaining("tile size 64").hasMessageContaining("75");
    }
}
