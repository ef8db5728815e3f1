package dev.oneira.gallery.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The moderator behind a session cookie (the form login's encrypted cookie names them): still a moderator
 * only while the account exists, so a deleted account's sessions end at their next request.
 */
@ApplicationScoped
public class ModeratorSessions implements IdentityProvider<TrustedAuthenticationRequest> {

    @Inject
    Moderators moderators;

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String name = request.getPrincipal();
            if (!moderators.exists(name)) {
                throw new AuthenticationFailedException("no such moderator any more");
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name))
                    .addRole(ModeratorIdentityProvider.ROLE).build();
        });
    }
}
