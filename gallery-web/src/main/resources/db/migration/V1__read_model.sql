-- The gallery's read model (issue 11). The object store keeps the images and the manifests (the
-- worker's record of a dream); these tables are a projection of them and of dream-events, and
-- ./oneira reindex rebuilds them from the manifests.

-- One row per dream. The manifest is kept whole as JSON (as ManifestCodec writes it, spec included),
-- so a new manifest or spec field needs no migration; the columns beside it are what is filtered and
-- ordered on. Ids are UUIDv7: their byte order (PostgreSQL's uuid order) is their creation order.
CREATE TABLE dream (
    id            uuid        PRIMARY KEY,
    status        text        NOT NULL,
    visibility    text        NOT NULL,
    created_at    timestamptz NOT NULL,
    manifest      jsonb       NOT NULL,
    -- the latest DreamProgress (EventCodec JSON) while DREAMING; null otherwise
    progress      jsonb,
    -- the time of the newest event (or manifest) applied: an older one never overwrites a newer state
    last_event_at timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- The public gallery, newest first (keyset pagination: WHERE id < :cursor ORDER BY id DESC).
CREATE INDEX dream_public_newest ON dream (id DESC) WHERE visibility = 'PUBLIC';
-- Queue positions: queued dreams older than a given one.
CREATE INDEX dream_queued ON dream (id) WHERE status = 'QUEUED';

-- Events of dream-events already applied (idempotency by eventId); pruned after a retention period.
CREATE TABLE applied_event (
    event_id   text        PRIMARY KEY,
    dream_id   uuid        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applied_event_age ON applied_event (applied_at);

-- Accepted uploads per client, shared by every gallery instance (sliding window rate limit).
CREATE TABLE upload_accepted (
    client      text        NOT NULL,
    accepted_at timestamptz NOT NULL
);
CREATE INDEX upload_accepted_client ON upload_accepted (client, accepted_at);

-- Room for social state (issue 12: likes, reports, moderation): tables that reference dream(id)
-- ON DELETE CASCADE, added by later migrations.
