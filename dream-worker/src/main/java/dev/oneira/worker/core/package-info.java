/**
 * The worker's plain-Java core: one request from start to end ({@link dev.oneira.worker.core.DreamRequestProcessor}),
 * its retries and outage budget, progress reports and the words a failed dream shows. No Kafka
 * consumer and no framework here: the Quarkus shell in {@code dev.oneira.worker} and plain test
 * consumers share it.
 */
package dev.oneira.worker.core;
