/** The real parts tests run against: Kafka broker, S3Proxy, a pausable relay, the worker process. */
package dev.oneira.testing;
