// Package invite owns how a provisioned account reaches its owner: the
// invitation state machine, access codes for accounts without an email,
// invitation delivery as River jobs, and the expiry and purge jobs.
//
// Entry points: Policy (account.Policy, run inside account's provisioning
// transaction: auto-invite, access code), Service (admin actions used by web/
// and cmd/), DeliveryWorker, FanoutWorker, MaintenanceWorker and
// ApprovedWorker (River workers, registered together by AddWorkers), and
// ReminderWorker, which mails an invitation's one reminder when its
// integration asks for one (reminder.go; docs/mail.md). Invite-all enqueues
// one fan-out job per batch of 1,000, which creates the batch's delivery
// jobs. An approval inserts, in its transaction, the mail that tells the
// person where to sign in (approval_notice.go: the application's URL, else
// the sign-in landing page {BaseURL}/signin).
//
// Invitation states (a contract: docs/openapi.yaml InvitationStatus; delivery is tracked apart):
//
//	```mermaid
//	stateDiagram-v2
//	    [*] --> sent: invite (auto, admin, import, all), or a sign-up's confirmation (SMTP)
//	    [*] --> needs_approval: sign-up through a link without SMTP
//	    sent --> sent: resend / link (new token, same expiry)
//	    sent --> accepted: claimed, no approval needed
//	    sent --> needs_approval: claimed, approval required
//	    needs_approval --> approved: admin approves
//	    needs_approval --> rejected: admin rejects
//	    sent --> canceled: admin cancels / account deleted / email changed
//	    needs_approval --> canceled: admin cancels / account deleted / email changed
//	    sent --> expired: 30 d after first send
//	    needs_approval --> expired: 60 d after creation
//	    accepted --> [*]: purged 365 d after creation
//	    approved --> [*]
//	    rejected --> [*]
//	    canceled --> [*]
//	    expired --> [*]
//	```
//
// Sign-ups through a multi-use link (links_signup.go, links_confirm.go) add
// no state. Typing an address proves nothing, so with SMTP the sign-up is an
// invited account whose invitation (linkId set) is its confirmation: a claim
// link mailed to the address (mail kind signup_confirmation); the password is
// chosen on the claim page, which makes the account active and claimed (or
// needs_approval when the link asks for approval). Without SMTP the sign-up
// types its password and waits in pending_approval / needs_approval for an
// admin, whose approval vouches for the address. Until then the account is an
// unconfirmed sign-up (store.Account.IsUnconfirmedSignUp): it cannot sign in,
// and an integration's, an admin's or a newer sign-up's account with its
// address replaces it (account/signups.go); when its confirmation expires the
// maintenance job drops it rather than leaving it not_invited.
//
// A claim link belongs to an address: an invitation records the address it
// was sent to (Email), and the claim, a mailed code and the delivery job
// refuse it once the account has another one. When the primary email
// changes, Policy.EmailChanged (policy_email.go) cancels the open invitation
// and revokes the access code in the same transaction, and re-invites the
// new address when the integration invites automatically.
//
// Account status follows: an invitation created or an access code issued
// moves not_invited -> invited; canceled or expired moves it back to
// not_invited (so "invite all" reaches it again); approve -> active, reject
// -> rejected. Delivery: queued -> delivered | failed (last error kept),
// not_sent without SMTP (the admin copies the link).
//
// Exactly once: the partial unique index invitations_open_key allows one
// open (sent, needs_approval) invitation per account; inserts use ON
// CONFLICT DO NOTHING, so an IdP retry or a racing replica gets "already
// invited" instead of an error that would abort the provisioning
// transaction. The delivery job is inserted in the same transaction as the
// invitation; it re-checks, before sending, that the invitation is still
// open, its token still current (resend and link supersede older jobs) and
// the account still active.
//
// Secrets: only the HMAC of a claim token is stored; the token itself rides
// sealed (AES-GCM) in the delivery job's arguments. Access codes are stored
// sealed plus an HMAC. Nothing here logs a token, code or link, except the
// claim link at INFO in the embedded default without SMTP (Config.LogLinks).
//
// The claim, link (multi-use) and redeem flows live in claim*.go, links*.go
// and redeem*.go; invite must not speak SQL (store does) nor HTTP (web does).
package invite
