-- +goose Up
-- OpenID Connect Back-Channel Logout (backchannel/doc.go): a client may
-- register a URI that receives a logout token when an account loses its
-- trust (suspended, deactivated, deleted), and may require the sid claim.
ALTER TABLE oidc_clients ADD COLUMN backchannel_logout_uri TEXT NOT NULL DEFAULT '';
ALTER TABLE oidc_clients ADD COLUMN backchannel_logout_session_required BOOLEAN NOT NULL DEFAULT FALSE;

-- One row per logout token to send (client, account, sid or none), with
-- its attempts; a River job delivers it.
CREATE TABLE backchannel_logouts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id TEXT NOT NULL REFERENCES oidc_clients (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL,
    sid TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_status_code INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    last_attempt_at DATETIME,
    created_at DATETIME NOT NULL,
    finished_at DATETIME
);
CREATE INDEX backchannel_logouts_account_idx ON backchannel_logouts (account_id, id);
CREATE INDEX backchannel_logouts_client_idx ON backchannel_logouts (client_id, id);

-- +goose Down
DROP TABLE backchannel_logouts;
ALTER TABLE oidc_clients DROP COLUMN backchannel_logout_session_required;
ALTER TABLE oidc_clients DROP COLUMN backchannel_logout_uri;
