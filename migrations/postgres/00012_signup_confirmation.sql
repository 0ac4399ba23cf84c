-- +goose Up
-- Self sign-up proves the address; a claim or reset link belongs to an address.
-- A multi-use link may name the domains it accepts (space-separated, lower
-- case; empty: any domain).
ALTER TABLE invitation_links ADD COLUMN allowed_domains TEXT NOT NULL DEFAULT '';
-- A password reset records the address it was mailed to: it stops working
-- once the account's address is another one. Resets in flight (one hour)
-- take the account's current address.
ALTER TABLE password_resets ADD COLUMN email TEXT NOT NULL DEFAULT '';
UPDATE password_resets SET email = COALESCE((SELECT a.email FROM accounts a WHERE a.id = password_resets.account_id), '');
-- Sign-ups through a link not yet confirmed (never claimed) give way to an
-- integration's or an admin's account with their address: these two small
-- partial indexes find them on every create.
CREATE INDEX accounts_unconfirmed_signup_name_idx ON accounts (lower(user_name))
    WHERE origin = 'link' AND claimed_at IS NULL AND deleted_at IS NULL;
CREATE INDEX accounts_unconfirmed_signup_email_idx ON accounts (lower(email))
    WHERE origin = 'link' AND claimed_at IS NULL AND deleted_at IS NULL;

-- +goose Down
DROP INDEX accounts_unconfirmed_signup_email_idx;
DROP INDEX accounts_unconfirmed_signup_name_idx;
ALTER TABLE password_resets DROP COLUMN email;
ALTER TABLE invitation_links DROP COLUMN allowed_domains;
