package dev.oneira.gallery;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.jboss.logging.Logger;

/**
 * Whether the broker takes requests now, so that uploads during an outage are refused at once
 * (before anything is decoded or stored) instead of each waiting for the send timeout. Checked every
 * {@code interval} with a cluster description (two failed in a row: down; one answered: up); a failed
 * send marks it down at once, a good one up.
 * Plain Java; thread-safe.
 */
public final class BrokerWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BrokerWatch.class);

    private final Admin admin;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private volatile boolean up = true;
    /** Checks failed in a row: one slow answer on a busy machine is not an outage, two are. */
    private int failedChecks;

    public BrokerWatch(String bootstrapServers, Duration interval) {
        this.interval = interval;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "oneira-gallery-watch");
        int ms = (int) Math.max(500, interval.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(ms));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(ms));
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        this.admin = Admin.create(p);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oneira-broker-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** False while the broker is known to be unreachable. */
    public boolean isUp() {
        return up;
    }

    /** How long a client should wait before trying again: one check interval. */
    public Duration retryAfter() {
        return interval;
    }

    public void markDown(String why) {
        if (up) {
            LOG.warnf("message broker unreachable (%s): uploads are refused until it answers again", why);
        }
        up = false;
    }

    public void markUp() {
        if (!up) {
            LOG.info("message broker reachable again: uploads are taken");
        }
        up = true;
    }

    private void check() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) interval.toMillis())).nodes()
                    .get(interval.toMillis() + 1000, TimeUnit.MILLISECONDS);
            failedChecks = 0;
            markUp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (++failedChecks >= 2) {
                markDown("no answer to two cluster descriptions within " + interval.toMillis() + " ms each");
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(1));
    }
}
