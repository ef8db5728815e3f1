/** The pretrained InceptionV3: the nsfwjs files parsed and dequantised in Java, the Keras graph wired from its inbound nodes with batch norm folded, run as differentiable DJL operations. */
package dev.oneira.engine.network;
