-- Issue 15: remix lineage and queue estimates.

-- Remixes of a dream, newest first (keyset, as the gallery). remixOf stays in the manifest (jsonb, as every
-- manifest field) so reindex keeps it with no column to fill; no foreign key: a remix outlives its source.
CREATE INDEX dream_remixes ON dream ((manifest->>'remixOf'), id DESC) WHERE visibility = 'PUBLIC';

-- The open queue: the dream-requests partition each request went to (the producer's send metadata) and its
-- work (DreamSpec.workMegapixelSteps), kept while the dream is not final (the projection removes the row
-- when it ends), so the table stays as small as the queue. The work ahead of a dream is what is open before
-- it in the same partition: one worker takes a partition in order.
CREATE TABLE dream_partition (
    dream_id          uuid             PRIMARY KEY REFERENCES dream (id) ON DELETE CASCADE,
    request_partition integer          NOT NULL,
    work              double precision NOT NULL
);
CREATE INDEX dream_partition_by_partition ON dream_partition (request_partition, dream_id);

-- Measured speed of each worker: moving averages of a dream's seconds and of its work in megapixel-steps
-- (DreamSpec.workMegapixelSteps); their ratio is the worker's seconds per unit. Learnt from DreamCompleted
-- events, so it survives restarts of every service.
CREATE TABLE worker_speed (
    worker      text             PRIMARY KEY,
    avg_seconds double precision NOT NULL,
    avg_work    double precision NOT NULL,
    samples     integer          NOT NULL,
    updated_at  timestamptz      NOT NULL
);

-- Workers dreaming now (with worker_speed: the workers taking the queue).
CREATE INDEX dream_dreaming ON dream (id) WHERE status = 'DREAMING';
