/**
 * When a dream will start and be done (issue 15): {@link dev.oneira.gallery.eta.QueueEstimator} (plain
 * Java: the work ahead in the dream's dream-requests partition, measured speeds, workers running),
 * {@link dev.oneira.gallery.eta.WorkerSpeeds} (the {@code worker_speed} table: seconds per
 * megapixel-step per worker, a moving average learnt from DreamCompleted) and
 * {@link dev.oneira.gallery.eta.RequestPartitions} (the {@code dream_partition} table: which partition
 * each request went to), put together by {@link dev.oneira.gallery.eta.Etas}.
 */
package dev.oneira.gallery.eta;
