/** The real parts tests run against: Kafka broker, S3Proxy, PostgreSQL, a pausable relay, the worker process. */
package dev.oneira.testing;
