package dev.oneira.store;

import java.net.URI;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/** S3Proxy in this JVM over real HTTP on a free port, keeping objects in memory. */
final class S3ProxyServer implements AutoCloseable {
    static final String ACCESS_KEY = "test-access";
    static final String SECRET_KEY = "test-secret";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    S3ProxyServer() throws Exception {
        context = ContextBuilder.newBuilder("transient")
                .credentials("unused", "unused")
                .overrides(new Properties())
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.onSpinWait();
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    ObjectStoreConfig config(String bucket) {
        return ObjectStoreConfig.compatible(endpoint(), bucket, ACCESS_KEY, SECRET_KEY);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
