-- +goose Up
-- Accounts an admin creates from a spreadsheet (docs/accounts.md): each import is
-- kept with its per-row report (JSON) so it can be downloaded later. A
-- preview (dry run) keeps the parsed rows too, so the console can apply it
-- without a second upload.
CREATE TABLE account_imports (
    id TEXT PRIMARY KEY,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    file_name TEXT NOT NULL DEFAULT '',
    dry_run BOOLEAN NOT NULL DEFAULT FALSE,
    invite TEXT NOT NULL DEFAULT 'later',
    total INTEGER NOT NULL DEFAULT 0,
    created_count INTEGER NOT NULL DEFAULT 0,
    existing_count INTEGER NOT NULL DEFAULT 0,
    invalid_count INTEGER NOT NULL DEFAULT 0,
    invited_count INTEGER NOT NULL DEFAULT 0,
    applied_id TEXT,
    input TEXT NOT NULL DEFAULT '[]',
    report TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX account_imports_created_idx ON account_imports (created_at);

-- +goose Down
DROP TABLE account_imports;
