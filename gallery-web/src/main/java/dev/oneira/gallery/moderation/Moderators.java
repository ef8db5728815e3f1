package dev.oneira.gallery.moderation;

import java.security.GeneralSecurityException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

import javax.sql.DataSource;

import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

import dev.oneira.gallery.db.Sql;
import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * The {@code moderator} table: accounts with bcrypt-hashed passwords (Quarkus' {@link BcryptUtil} hashes,
 * Elytron's password factory verifies, as quarkus-security-jdbc's bcrypt mapper does). The one place that
 * reads and writes it.
 */
public final class Moderators {

    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();

    private final DataSource ds;
    /** Checked when the name is unknown, so an unknown name takes as long to refuse as a wrong password. */
    private volatile String decoyHash;

    public Moderators(DataSource ds) {
        this.ds = ds;
    }

    /** Adds the moderator, or refuses (name taken, name or password not allowed) with the reason. */
    public void add(String name, char[] password) {
        Passwords.nameProblem(name).ifPresent(p -> {
            throw new ModerationRefused(ModerationRefused.Kind.INVALID, "Invalid name", p);
        });
        Passwords.passwordProblem(name, password).ifPresent(p -> {
            throw new ModerationRefused(ModerationRefused.Kind.INVALID, "Password refused", p);
        });
        String hash = BcryptUtil.bcryptHash(new String(password));
        boolean added = Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO moderator (name, password_hash) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                st.setString(1, name);
                st.setString(2, hash);
                return st.executeUpdate() == 1;
            }
        });
        if (!added) {
            throw new ModerationRefused(ModerationRefused.Kind.CONFLICT, "Name taken",
                    "there is a moderator called " + name + " already");
        }
    }

    /** Whether {@code name} is a moderator whose password is {@code password}. */
    public boolean verify(String name, char[] password) {
        Optional<String> hash = hashOf(name);
        boolean matches = matches(hash.orElseGet(this::decoy), password);
        return hash.isPresent() && matches;
    }

    public boolean exists(String name) {
        return hashOf(name).isPresent();
    }

    private Optional<String> hashOf(String name) {
        if (name == null || Passwords.nameProblem(name).isPresent()) {
            return Optional.empty();
        }
        return Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT password_hash FROM moderator WHERE name = ?")) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private String decoy() {
        if (decoyHash == null) {
            decoyHash = BcryptUtil.bcryptHash("decoy: no such moderator");
        }
        return decoyHash;
    }

    static boolean matches(String modularCryptHash, char[] password) {
        try {
            Password stored = ModularCrypt.decode(modularCryptHash);
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            return factory.verify(factory.translate(stored), password);
        } catch (GeneralSecurityException e) {
            return false; // a hash we cannot read matches nothing
        }
    }
}
