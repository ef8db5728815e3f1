package dev.oneira.gallery.moderation;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The moderation tables' owners, each over the gallery's one DataSource. */
public class ModerationBeans {

    @Produces
    @Singleton
    Moderators moderators(DataSource ds) {
        return new Moderators(ds);
    }

    @Produces
    @Singleton
    LoginThrottle loginThrottle(DataSource ds) {
        return new LoginThrottle(ds);
    }

    @Produces
    @Singleton
    Reports reports(DataSource ds, ModerationConfig config) {
        return new Reports(ds, config);
    }

    @Produces
    @Singleton
    AuditLog auditLog(DataSource ds) {
        return new AuditLog(ds);
    }
}
