/** The one S3 client both services use (AWS SDK v2) and the one owner of the {@code oneira.store.*} settings. */
package dev.oneira.store;
