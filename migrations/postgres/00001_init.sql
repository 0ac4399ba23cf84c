-- +goose Up
CREATE TABLE integrations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('scim', 'ldap')),
    auto_invite BOOLEAN NOT NULL DEFAULT FALSE,
    invite_delay_seconds INTEGER NOT NULL DEFAULT 0,
    require_approval BOOLEAN NOT NULL DEFAULT FALSE,
    delivery_method TEXT NOT NULL DEFAULT 'link',
    permissions TEXT NOT NULL DEFAULT 'accounts:read accounts:write accounts:deactivate groups:read groups:write',
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    token_hash TEXT,
    token_prefix TEXT NOT NULL DEFAULT '',
    oidc_issuer TEXT NOT NULL DEFAULT '',
    oidc_audience TEXT NOT NULL DEFAULT '',
    ldap_config JSONB,
    sync_cookie BYTEA,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX integrations_name_key ON integrations (lower(name));
CREATE UNIQUE INDEX integrations_token_hash_key ON integrations (token_hash) WHERE token_hash IS NOT NULL;

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    integration_id TEXT REFERENCES integrations (id),
    origin TEXT NOT NULL DEFAULT 'scim',
    external_id TEXT,
    user_name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    formatted_name TEXT NOT NULL DEFAULT '',
    given_name TEXT NOT NULL DEFAULT '',
    family_name TEXT NOT NULL DEFAULT '',
    middle_name TEXT NOT NULL DEFAULT '',
    honorific_prefix TEXT NOT NULL DEFAULT '',
    honorific_suffix TEXT NOT NULL DEFAULT '',
    display_name TEXT NOT NULL DEFAULT '',
    nick_name TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    user_type TEXT NOT NULL DEFAULT '',
    preferred_language TEXT NOT NULL DEFAULT '',
    locale TEXT NOT NULL DEFAULT '',
    timezone TEXT NOT NULL DEFAULT '',
    employee_number TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    organization TEXT NOT NULL DEFAULT '',
    division TEXT NOT NULL DEFAULT '',
    cost_center TEXT NOT NULL DEFAULT '',
    manager_id TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    status TEXT NOT NULL DEFAULT 'not_invited',
    attributes JSONB NOT NULL DEFAULT '{}',
    source_hash TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    claimed_at TIMESTAMPTZ,
    deleted_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX accounts_user_name_key ON accounts (lower(user_name)) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX accounts_external_id_key ON accounts (integration_id, external_id) WHERE deleted_at IS NULL AND external_id IS NOT NULL;
CREATE INDEX accounts_email_idx ON accounts (lower(email));
CREATE INDEX accounts_status_idx ON accounts (status, created_at, id);
CREATE INDEX accounts_integration_idx ON accounts (integration_id, created_at, id);
CREATE INDEX accounts_created_idx ON accounts (created_at, id);
CREATE INDEX accounts_updated_idx ON accounts (updated_at);

CREATE TABLE account_emails (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    type TEXT NOT NULL DEFAULT '',
    is_primary BOOLEAN NOT NULL DEFAULT FALSE,
    display TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, position)
);
CREATE INDEX account_emails_value_idx ON account_emails (lower(value));

CREATE TABLE groups (
    id TEXT PRIMARY KEY,
    integration_id TEXT REFERENCES integrations (id),
    external_id TEXT,
    display_name TEXT NOT NULL,
    attributes JSONB NOT NULL DEFAULT '{}',
    member_count BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX groups_display_name_key ON groups (COALESCE(integration_id, ''), lower(display_name));
CREATE UNIQUE INDEX groups_external_id_key ON groups (integration_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX groups_created_idx ON groups (created_at, id);

CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (group_id, account_id)
);
CREATE INDEX group_members_account_idx ON group_members (account_id);

CREATE TABLE invitation_links (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    max_uses INTEGER NOT NULL,
    uses INTEGER NOT NULL DEFAULT 0,
    require_approval BOOLEAN NOT NULL DEFAULT FALSE,
    expires_at TIMESTAMPTZ NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ
);

CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    integration_id TEXT,
    link_id TEXT,
    status TEXT NOT NULL,
    delivery TEXT NOT NULL DEFAULT 'queued',
    delivery_error TEXT NOT NULL DEFAULT '',
    method TEXT NOT NULL DEFAULT 'link',
    email TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL DEFAULT '',
    token_hash TEXT,
    code_hmac TEXT,
    sent_count INTEGER NOT NULL DEFAULT 0,
    not_before TIMESTAMPTZ,
    first_sent_at TIMESTAMPTZ,
    last_sent_at TIMESTAMPTZ,
    expires_at TIMESTAMPTZ,
    used_at TIMESTAMPTZ,
    decided_at TIMESTAMPTZ,
    created_by TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX invitations_open_key ON invitations (account_id) WHERE status IN ('sent', 'needs_approval');
CREATE UNIQUE INDEX invitations_token_hash_key ON invitations (token_hash) WHERE token_hash IS NOT NULL;
CREATE UNIQUE INDEX invitations_code_hmac_key ON invitations (code_hmac) WHERE code_hmac IS NOT NULL;
CREATE INDEX invitations_status_idx ON invitations (status, created_at, id);
CREATE INDEX invitations_account_idx ON invitations (account_id);
CREATE INDEX invitations_expires_idx ON invitations (expires_at);

CREATE TABLE access_codes (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hmac TEXT NOT NULL UNIQUE,
    code_sealed BYTEA NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX access_codes_live_key ON access_codes (account_id) WHERE used_at IS NULL AND revoked_at IS NULL;

CREATE TABLE attempt_counters (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    window_start TIMESTAMPTZ NOT NULL,
    locked_until TIMESTAMPTZ
);

CREATE TABLE audit_events (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL DEFAULT '',
    target_id TEXT NOT NULL DEFAULT '',
    details JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_at_idx ON audit_events (at);
CREATE INDEX audit_events_target_idx ON audit_events (target_type, target_id);

CREATE TABLE sync_runs (
    id TEXT PRIMARY KEY,
    integration_id TEXT NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    mode TEXT NOT NULL,
    dry_run BOOLEAN NOT NULL DEFAULT FALSE,
    trigger TEXT NOT NULL DEFAULT '',
    read_count INTEGER NOT NULL DEFAULT 0,
    created_count INTEGER NOT NULL DEFAULT 0,
    updated_count INTEGER NOT NULL DEFAULT 0,
    suspended_count INTEGER NOT NULL DEFAULT 0,
    deleted_count INTEGER NOT NULL DEFAULT 0,
    invited_count INTEGER NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ
);
CREATE INDEX sync_runs_integration_idx ON sync_runs (integration_id, started_at);

CREATE TABLE admins (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'viewer')),
    password_hash TEXT NOT NULL DEFAULT '',
    creator BOOLEAN NOT NULL DEFAULT FALSE,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX admins_email_key ON admins (lower(email));

CREATE TABLE admin_tokens (
    id TEXT PRIMARY KEY,
    admin_id TEXT REFERENCES admins (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'owner',
    token_hash TEXT NOT NULL UNIQUE,
    token_prefix TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    admin_id TEXT NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE sessions;
DROP TABLE admin_tokens;
DROP TABLE admins;
DROP TABLE sync_runs;
DROP TABLE audit_events;
DROP TABLE attempt_counters;
DROP TABLE access_codes;
DROP TABLE invitations;
DROP TABLE invitation_links;
DROP TABLE group_members;
DROP TABLE groups;
DROP TABLE account_emails;
DROP TABLE accounts;
DROP TABLE integrations;
