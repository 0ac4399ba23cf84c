-- +goose Up
-- An LDAP bind password given through the admin API or console is kept
-- sealed (AES-GCM, bound to the integration and to where the password may be
-- sent: account/ldap_settings.go), never as a file or variable reference.
ALTER TABLE integrations ADD COLUMN ldap_bind_password BYTEA;

-- A revoked admin API token stays as a row, so that serve does not install
-- PROVISIOND_BOOTSTRAP_TOKEN again on the next start (cmd/provisiond/serve.go).
ALTER TABLE admin_tokens ADD COLUMN revoked_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE admin_tokens DROP COLUMN revoked_at;
ALTER TABLE integrations DROP COLUMN ldap_bind_password;
