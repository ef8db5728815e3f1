-- Moderation (issue 12): moderator accounts, their login throttle, reports on dreams, the review state
-- that hides a reported dream, and the audit log of moderators' actions. Owners: moderation.Moderators,
-- moderation.LoginThrottle, moderation.Reports (dream_report and dream_review), moderation.AuditLog.

-- Accounts, made with ./oneira moderator add NAME; the password only as its bcrypt hash (modular crypt).
CREATE TABLE moderator (
    name          text        PRIMARY KEY,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Failed logins, per moderator name and per client address (one row each), shared by every gallery
-- instance: the wait before the next try grows with the failures in the window (LoginThrottle).
CREATE TABLE login_failure (
    key       text        NOT NULL,
    failed_at timestamptz NOT NULL
);
CREATE INDEX login_failure_key ON login_failure (key, failed_at);

-- One report per client per dream: a second one from the same client is not counted. A review (keep,
-- restore) marks the open reports cleared; they stay, so the same client cannot report it again.
CREATE TABLE dream_report (
    dream_id   uuid        NOT NULL REFERENCES dream (id) ON DELETE CASCADE,
    client     text        NOT NULL,
    reason     text        NOT NULL,
    note       text,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    cleared_at timestamptz,
    PRIMARY KEY (dream_id, client)
);
-- rate limit: a client's reports in the window
CREATE INDEX dream_report_client ON dream_report (client, created_at);

-- The review state of a reported dream: open (not yet reviewed) reports and whether they hid it.
-- Lives here, not in the manifest: a reindex rebuilds the dream rows and never unhides a dream.
CREATE TABLE dream_review (
    dream_id       uuid        PRIMARY KEY REFERENCES dream (id) ON DELETE CASCADE,
    open_reports   integer     NOT NULL DEFAULT 0,
    hidden         boolean     NOT NULL DEFAULT false,
    last_report_at timestamptz,
    reviewed_by    text,
    reviewed_at    timestamptz
);
CREATE INDEX dream_review_open ON dream_review (last_report_at DESC) WHERE open_reports > 0;
CREATE INDEX dream_review_hidden ON dream_review (dream_id) WHERE hidden;

-- Every moderator action. No reference to dream: a removed dream's audit rows stay.
CREATE TABLE moderation_audit (
    id        bigserial   PRIMARY KEY,
    moderator text        NOT NULL,
    at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    action    text        NOT NULL,
    dream_id  uuid        NOT NULL,
    reason    text
);
CREATE INDEX moderation_audit_dream ON moderation_audit (dream_id);
