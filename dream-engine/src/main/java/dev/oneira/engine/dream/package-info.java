/** DeepDream itself, plain Java + DJL: octaves (detail kept or tutorial), tiled gradients under a random roll, the objective (layers, channels, guide features), gradient normalisation (std or Laplacian pyramid), masks and original colours, on images held as heap {@link dev.oneira.engine.dream.Planes}. */
package dev.oneira.engine.dream;
