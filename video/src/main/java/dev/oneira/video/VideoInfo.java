package dev.oneira.video;

/**
 * What a video file holds, as decoded: its codec's FFmpeg name (e.g. {@code h264}), size, frame
 * rate, the number of frames that decode and the duration those frames last.
 */
public record VideoInfo(String codec, int width, int height, double fps, int frames, double seconds) {}
