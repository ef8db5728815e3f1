/** The dream worker's Quarkus shell: the Kafka consumer and producer, configuration, health and lifecycle around the plain-Java processor in {@code core}. */
package dev.oneira.worker;
