-- Likes and the "popular" order (issue 12). One like per dream per browser (its client id cookie, kept
-- only as a hash); the count and the popular rank live in the dream's row, so both gallery orders are
-- read from one partial index each, keyset-paged, without counting likes per query.

CREATE TABLE dream_like (
    dream_id uuid        NOT NULL REFERENCES dream (id) ON DELETE CASCADE,
    -- "sha256:" + base64url of the SHA-256 of the browser's client id (ClientIds)
    client   text        NOT NULL,
    liked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dream_id, client)
);
-- "liked by you" for a page of dreams: one client's likes among a few ids
CREATE INDEX dream_like_client ON dream_like (client, dream_id);

-- Likes counted (kept in step with dream_like in the same transaction by LikeRows).
ALTER TABLE dream ADD COLUMN likes integer NOT NULL DEFAULT 0 CHECK (likes >= 0);
-- Popularity.rank: seconds since the epoch of created_at (ms), plus one half-life per doubling of likes + 1.
-- Time-free: exponential decay never reorders dreams as time passes, so it is stored, not computed per query.
ALTER TABLE dream ADD COLUMN popular_rank double precision;
UPDATE dream SET popular_rank = extract(epoch FROM date_trunc('milliseconds', created_at));
ALTER TABLE dream ALTER COLUMN popular_rank SET NOT NULL;

-- The public gallery, most popular first (keyset: WHERE (popular_rank, id) < (:rank, :id)
-- ORDER BY popular_rank DESC, id DESC); the newest order keeps dream_public_newest.
CREATE INDEX dream_public_popular ON dream (popular_rank DESC, id DESC) WHERE visibility = 'PUBLIC';
