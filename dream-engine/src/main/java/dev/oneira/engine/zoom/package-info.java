/**
 * The endless dream: a zoom animation in which each frame is the previous one zoomed (rotated,
 * shifted) a little and dreamt a few steps more, as in the Inceptionism post and the original
 * DeepDream notebook. Frames are handed to a sink one by one (to an encoder, a checkpoint), never
 * all held, and each frame's randomness comes from the seed and its index, so a run resumed from a
 * checkpointed frame gives exactly the frames an uninterrupted run gives.
 */
package dev.oneira.engine.zoom;
