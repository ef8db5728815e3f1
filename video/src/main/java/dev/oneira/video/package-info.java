/**
 * Video files for animated dreams: an MP4 writer (H.264, yuv420p, faststart) fed frame by frame,
 * joining MP4 segments without re-encoding (so a long animation can be checkpointed segment by
 * segment), a small looping WebP preview, and a probe that decodes a file to say what it holds.
 *
 * <p>All of it is FFmpeg through org.bytedeco's JavaCV, whose jars bring FFmpeg's natives (the LGPL
 * build: H.264 by Cisco's OpenH264, WebP by libwebp); no program is run and nothing is installed.
 * Plain Java, no framework: the engine's CLI, the worker and the tests use it alike.
 */
package dev.oneira.video;
