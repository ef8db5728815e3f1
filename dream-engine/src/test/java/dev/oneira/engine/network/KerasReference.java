package dev.oneira.engine.network;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deliberately plain float64 re-implementation of the Keras InceptionV3 layers (written from the
 * Keras application source, not from the topology file), for checking the wired network. Tensors are
 * {@code double[channel][row][column]} for one image; weights come from {@link TfjsModel} in Keras'
 * own layout (HWIO kernels, unfolded batch norm).
 */
final class KerasReference {

    private final TfjsModel model;

    KerasReference(TfjsModel model) {
        this.model = model;
    }

    /**
     * Keras' {@code conv2d_bn}: Conv2D (no bias) + BatchNormalization(scale=False) + relu, using
     * layers {@code conv2d_<n>} and {@code batch_normalization_<n>}.
     */
    double[][][] convBn(double[][][] x, int n, int filters, int rows, int cols, int stride, boolean same) {
        String conv = "conv2d_" + n;
        int[] shape = model.shape(conv + "/kernel");
        assertThat(shape).as("kernel of %s (HWIO)", conv).containsExactly(rows, cols, x.length, filters);
        float[] k = model.weight(conv + "/kernel");
        int inC = x.length, inH = x[0].length, inW = x[0][0].length;
        int padH = same ? (rows - 1) / 2 : 0;
        int padW = same ? (cols - 1) / 2 : 0;
        int outH = (inH + 2 * padH - rows) / stride + 1;
        int outW = (inW + 2 * padW - cols) / stride + 1;
        double[][][] y = new double[filters][outH][outW];
        for (int o = 0; o < filters; o++) {
            for (int r = 0; r < outH; r++) {
                for (int c = 0; c < outW; c++) {
                    double sum = 0;
                    for (int kr = 0; kr < rows; kr++) {
                        int ir = r * stride + kr - padH;
                        if (ir < 0 || ir >= inH) {
                            continue;
                        }
                        for (int kc = 0; kc < cols; kc++) {
                            int ic = c * stride + kc - padW;
                            if (ic < 0 || ic >= inW) {
                                continue;
                            }
                            for (int i = 0; i < inC; i++) {
                                sum += x[i][ir][ic] * k[((kr * cols + kc) * inC + i) * filters + o];
                            }
                        }
                    }
                    y[o][r][c] = sum;
                }
            }
        }
        String bn = "batch_normalization_" + n;
        float[] beta = model.weight(bn + "/beta");
        float[] mean = model.weight(bn + "/moving_mean");
        float[] var = model.weight(bn + "/moving_variance");
        assertThat(model.hasWeight(bn + "/gamma")).as("%s has no gamma (scale=False)", bn).isFalse();
        double eps = model.layer(bn).config().path("epsilon").asDouble();
        assertThat(eps).isEqualTo(0.001);
        for (int o = 0; o < filters; o++) {
            double inv = 1.0 / Math.sqrt(var[o] + eps);
            for (int r = 0; r < outH; r++) {
                for (int c = 0; c < outW; c++) {
                    double v = (y[o][r][c] - mean[o]) * inv + beta[o];
                    y[o][r][c] = Math.max(0.0, v);
                }
            }
        }
        return y;
    }

    /** MaxPooling2D((3, 3), strides=(2, 2)), 'valid'. */
    static double[][][] maxPool3Stride2(double[][][] x) {
        int h = (x[0].length - 3) / 2 + 1, w = (x[0][0].length - 3) / 2 + 1;
        double[][][] y = new double[x.length][h][w];
        for (int ch = 0; ch < x.length; ch++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int kr = 0; kr < 3; kr++) {
                        for (int kc = 0; kc < 3; kc++) {
                            m = Math.max(m, x[ch][2 * r + kr][2 * c + kc]);
                        }
                    }
                    y[ch][r][c] = m;
                }
            }
        }
        return y;
    }

    /** AveragePooling2D((3, 3), strides=(1, 1), padding='same'): the mean over the pixels inside the image. */
    static double[][][] avgPool3Same(double[][][] x) {
        int h = x[0].length, w = x[0][0].length;
        double[][][] y = new double[x.length][h][w];
        for (int ch = 0; ch < x.length; ch++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    double sum = 0;
                    int count = 0;
                    for (int ir = r - 1; ir <= r + 1; ir++) {
                        for (int ic = c - 1; ic <= c + 1; ic++) {
                            if (ir >= 0 && ir < h && ic >= 0 && ic < w) {
                                sum += x[ch][ir][ic];
                                count++;
                            }
                        }
                    }
                    y[ch][r][c] = sum / count;
                }
            }
        }
        return y;
    }

    static double[][][] concat(double[][][]... parts) {
        int channels = 0;
        for (double[][][] p : parts) {
            channels += p.length;
        }
        double[][][] y = new double[channels][][];
        int at = 0;
        for (double[][][] p : parts) {
            for (double[][] ch : p) {
                y[at++] = ch;
            }
        }
        return y;
    }

    /** The stem: input (3 channels) to {@code max_pooling2d_2}. */
    double[][][] stem(double[][][] img) {
        double[][][] x = convBn(img, 1, 32, 3, 3, 2, false);
        x = convBn(x, 2, 32, 3, 3, 1, false);
        x = convBn(x, 3, 64, 3, 3, 1, true);
        x = maxPool3Stride2(x);
        x = convBn(x, 4, 80, 1, 1, 1, false);
        x = convBn(x, 5, 192, 3, 3, 1, false);
        return maxPool3Stride2(x);
    }

    /** mixed0 (35 x 35 x 256 at 299): layers conv2d_6..12. */
    double[][][] mixed0(double[][][] x) {
        double[][][] branch1x1 = convBn(x, 6, 64, 1, 1, 1, true);
        double[][][] branch5x5 = convBn(convBn(x, 7, 48, 1, 1, 1, true), 8, 64, 5, 5, 1, true);
        double[][][] branch3x3dbl = convBn(convBn(convBn(x, 9, 64, 1, 1, 1, true),
                10, 96, 3, 3, 1, true), 11, 96, 3, 3, 1, true);
        double[][][] branchPool = convBn(avgPool3Same(x), 12, 32, 1, 1, 1, true);
        return concat(branch1x1, branch5x5, branch3x3dbl, branchPool);
    }

    /** mixed3 (17 x 17 x 768 at 299): layers conv2d_27..30 and a max pool. */
    double[][][] mixed3(double[][][] x) {
        double[][][] branch3x3 = convBn(x, 27, 384, 3, 3, 2, false);
        double[][][] branch3x3dbl = convBn(convBn(convBn(x, 28, 64, 1, 1, 1, true),
                29, 96, 3, 3, 1, true), 30, 96, 3, 3, 2, false);
        double[][][] branchPool = maxPool3Stride2(x);
        return concat(branch3x3, branch3x3dbl, branchPool);
    }

    /** mixed4 (17 x 17 x 768): layers conv2d_31..40, with 1x7 and 7x1 kernels. */
    double[][][] mixed4(double[][][] x) {
        double[][][] branch1x1 = convBn(x, 31, 192, 1, 1, 1, true);
        double[][][] branch7x7 = convBn(x, 32, 128, 1, 1, 1, true);
        branch7x7 = convBn(branch7x7, 33, 128, 1, 7, 1, true);
        branch7x7 = convBn(branch7x7, 34, 192, 7, 1, 1, true);
        double[][][] branch7x7dbl = convBn(x, 35, 128, 1, 1, 1, true);
        branch7x7dbl = convBn(branch7x7dbl, 36, 128, 7, 1, 1, true);
        branch7x7dbl = convBn(branch7x7dbl, 37, 128, 1, 7, 1, true);
        branch7x7dbl = convBn(branch7x7dbl, 38, 128, 7, 1, 1, true);
        branch7x7dbl = convBn(branch7x7dbl, 39, 192, 1, 7, 1, true);
        double[][][] branchPool = convBn(avgPool3Same(x), 40, 192, 1, 1, 1, true);
        return concat(branch1x1, branch7x7, branch7x7dbl, branchPool);
    }

    /** NCHW float data of one image as [c][h][w] doubles. */
    static double[][][] toTensor(float[] data, long channels, long height, long width) {
        double[][][] t = new double[(int) channels][(int) height][(int) width];
        int i = 0;
        for (int c = 0; c < channels; c++) {
            for (int h = 0; h < height; h++) {
                for (int w = 0; w < width; w++) {
                    t[c][h][w] = data[i++];
                }
            }
        }
        return t;
    }
}
