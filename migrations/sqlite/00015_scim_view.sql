-- +goose Up
-- What an integration sees of its accounts (SCIM).
--
-- held: the kind of the account's pending held change ('deactivate' or
-- 'delete', '' when none), kept beside the row so that the integration's
-- view (a held deactivation shows as inactive, a held deletion as gone) is
-- read and filtered in SQL with the row, and so that holding, applying or
-- discarding a change moves the account's version (its SCIM ETag).
ALTER TABLE accounts ADD COLUMN held TEXT NOT NULL DEFAULT '';
UPDATE accounts SET
    held = (SELECT h.kind FROM held_changes h WHERE h.account_id = accounts.id AND h.status = 'pending'),
    version = version + 1
WHERE id IN (SELECT account_id FROM held_changes WHERE status = 'pending');

-- externalId is the client's label: RFC 7643 gives it no uniqueness, and
-- IdPs (Microsoft's SCIM collection among them) send duplicates. It stays
-- unique where provisiond relies on it: LDAP accounts are keyed by the
-- directory's entry UUID. The third key column is '' for those, so
-- (integration, externalId) is unique among them, and the account's own id
-- for SCIM-created accounts, so that theirs never clash. Lookups by
-- (integration, externalId) still use the index's first two columns.
-- (Admin-created accounts, which have no integration, are refused a
-- duplicate externalId by invite.CreateAdminAccount and the import.)
DROP INDEX accounts_external_id_key;
CREATE UNIQUE INDEX accounts_external_id_key ON accounts
    (integration_id, external_id, (CASE WHEN origin = 'scim' THEN id ELSE '' END))
    WHERE deleted_at IS NULL AND external_id IS NOT NULL;

-- +goose Down
DROP INDEX accounts_external_id_key;
CREATE UNIQUE INDEX accounts_external_id_key ON accounts (integration_id, external_id) WHERE deleted_at IS NULL AND external_id IS NOT NULL;
ALTER TABLE accounts DROP COLUMN held;
