package dev.oneira.gallery.image;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import dev.oneira.gallery.TestPhotos;

/** A 7000 x 7000 photo (49 MP, under the 50 MP cap) that compresses to well under a megabyte; made once. */
public final class Huge {

    private static byte[] jpeg;

    private Huge() {
    }

    public static synchronized byte[] jpeg7000() {
        if (jpeg == null) {
            BufferedImage image = new BufferedImage(7000, 7000, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = image.createGraphics();
            g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 200), 7000, 7000, new Color(240, 200, 40)));
            g.fillRect(0, 0, 7000, 7000);
            g.setColor(Color.WHITE);
            g.fillOval(1750, 1750, 3500, 3500);
            g.dispose();
            jpeg = TestPhotos.encode(image, "jpeg");
        }
        return jpeg;
    }
}
