/** Topic names, defined once for every service and deployment file. */
package dev.oneira.shared.messaging;
