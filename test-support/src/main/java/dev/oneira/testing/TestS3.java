package dev.oneira.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3 over HTTP in the test JVM: S3Proxy on 127.0.0.1 in front of an in-memory blob store. It can
 * be taken down and brought back on the same port with the same objects, for outage tests.
 */
public final class TestS3 implements AutoCloseable {
    private final String accessKey;
    private final String secretKey;
    private final BlobStoreContext blobs;
    private S3Proxy proxy;
    private ServerSocket hanging;
    private int port;

    private TestS3(String accessKey, String secretKey) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.blobs = ContextBuilder.newBuilder("transient").credentials("unused", "unused")
                .overrides(new Properties()).build(BlobStoreContext.class);
    }

    /** Started, answering requests signed with these keys (AWS v2 or v4). */
    public static TestS3 start(String accessKey, String secretKey) {
        TestS3 s3 = new TestS3(accessKey, secretKey);
        try {
            s3.up();
            return s3;
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Creates a bucket directly in the blob store (no request). */
    public void createBucket(String name) {
        blobs.getBlobStore().createContainerInLocation(null, name);
    }

    /** Takes the store away: connections are refused until {@link #up()}. */
    public synchronized void down() {
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop S3Proxy: " + e.getMessage(), e);
            }
            proxy = null;
        }
    }

    /**
     * Makes the store hang, as a SIGSTOPped server does: connections are still accepted (by the
     * kernel, into the listen backlog) but nothing is ever answered, until {@link #up()}.
     */
    public synchronized void hang() {
        down();
        try {
            hanging = new ServerSocket(port, 200, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hold port " + port + " to make the store hang: " + e.getMessage(), e);
        }
    }

    /** Starts S3Proxy, again on the same port with the same objects after a {@link #down()} or {@link #hang()}. */
    public synchronized void up() {
        if (proxy != null) {
            return;
        }
        if (hanging != null) {
            try {
                hanging.close();
            } catch (IOException e) {
                // closing a listening socket that never accepted anything
            }
            hanging = null;
        }
        S3Proxy p = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            p.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(p.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + p.getState());
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting S3Proxy", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy: " + e.getMessage(), e);
        }
        port = p.getPort();
        proxy = p;
    }

    @Override
    public synchronized void close() {
        try {
            down();
            if (hanging != null) {
                hanging.close();
                hanging = null;
            }
        } catch (IOException e) {
            // the port is released with the JVM at the latest
        } finally {
            blobs.close();
        }
    }
}
