package dev.oneira.gallery.moderation;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks the form login's name and password against {@link Moderators}, slowed by {@link LoginThrottle}.
 * Hand-written rather than quarkus-security-jdbc's realm: that realm verifies bcrypt just as well, but
 * gives no place to count failures per name and per client and refuse while a wait is running.
 */
@ApplicationScoped
public class ModeratorIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(ModeratorIdentityProvider.class);
    public static final String ROLE = "moderator";

    @Inject
    Moderators moderators;
    @Inject
    LoginThrottle throttle;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        String client = routing == null || routing.request().remoteAddress() == null ? "unknown"
                : routing.request().remoteAddress().hostAddress();
        return context.runBlocking(() -> check(request.getUsername(), request.getPassword().getPassword(), client));
    }

    SecurityIdentity check(String name, char[] password, String client) {
        String who = name == null ? "" : name.trim().toLowerCase();
        List<String> keys = List.of(LoginThrottle.nameKey(who), LoginThrottle.clientKey(client));
        Duration wait = throttle.waitLeft(keys);
        if (!wait.isZero()) {
            // refused without looking at the password: a guesser learns nothing while the wait runs
            LOG.infof("moderator login for '%s' from %s refused: %d s left to wait", who, client, wait.toSeconds());
            throw new AuthenticationFailedException("too many failed attempts");
        }
        if (!moderators.verify(who, password)) {
            throttle.failed(keys);
            LOG.infof("moderator login for '%s' from %s failed", who, client);
            throw new AuthenticationFailedException("wrong name or password");
        }
        throttle.succeeded(who);
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(who)).addRole(ROLE).build();
    }
}
