package dev.oneira.gallery.index;

import java.util.Optional;
import java.util.function.Supplier;

import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.event.DreamStarted;
import dev.oneira.shared.manifest.EngineIdentity;

/**
 * The network the workers dream with now, as this gallery instance knows it (issue 15): the newest engine
 * identity seen on dream-events (DreamStarted, DreamCompleted; every instance follows every event), and
 * before any, that of the newest dream in the database that has one. A dream's page compares its own with
 * it to say whether dreaming it again would give the same picture.
 */
public final class NetworkNow {

    private final Supplier<Optional<EngineIdentity>> newestStored;
    private volatile EngineIdentity seen;

    public NetworkNow(Supplier<Optional<EngineIdentity>> newestStored) {
        this.newestStored = newestStored;
    }

    void observe(DreamEvent event) {
        EngineIdentity e = event instanceof DreamStarted s ? s.engine()
                : event instanceof DreamCompleted c ? c.engine() : null;
        if (e != null) {
            seen = e;
        }
    }

    public Optional<EngineIdentity> get() {
        EngineIdentity e = seen;
        if (e == null) {
            // read once: from now on the events keep it current
            e = newestStored.get().orElse(null);
            if (e != null && seen == null) {
                seen = e;
            }
        }
        return Optional.ofNullable(e);
    }
}
