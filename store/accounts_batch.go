package store

import (
	"context"
	"fmt"
)

// InsertNewAccounts is CreateAccount for a batch (SCIM group commit), with
// the account.created audit event audit makes for each account written. It
// returns the accounts written, in order; the caller retries the others
// one by one, which gives each its own precise conflict error. The
// database decides what conflicts, so its case folding is the only one.
//
// On SQLite it is one prepared single-row INSERT per account (insertEach:
// a multi-row one copied every page it changed to the statement journal)
// that skips rows another live account's userName already holds (or an
// earlier row of the batch; externalId is unique only for directory
// accounts, see migration 00015), then the emails and audit events of the
// rows written. On PostgreSQL,
// where each statement is a round trip, it is one statement (accounts,
// emails and audit events in data-modifying CTEs) that either writes every
// account or fails with ErrConflict, after which the transaction is spent
// and the caller retries each account alone.
func (s *Store) InsertNewAccounts(ctx context.Context, accts []*Account, audit func(*Account) AuditEvent) ([]*Account, error) {
	if len(accts) == 0 {
		return nil, nil
	}
	prepareNewAccounts(accts)
	if s.dialect == Postgres {
		return accts, s.insertAccountsCTE(ctx, accts, audits(accts, audit))
	}
	ok, err := insertEachNew(ctx, s, accts)
	if err != nil {
		return nil, fmt.Errorf("store: create %d accounts: %w", len(accts), err)
	}
	written := make([]*Account, 0, len(accts))
	for k, a := range accts {
		if ok[k] {
			written = append(written, a)
		}
	}
	if err := s.insertEmailsOf(ctx, written); err != nil {
		return nil, err
	}
	if err := s.InsertAuditEvents(ctx, audits(written, audit)); err != nil {
		return nil, err
	}
	return written, nil
}

func audits(accts []*Account, audit func(*Account) AuditEvent) []AuditEvent {
	evs := make([]AuditEvent, len(accts))
	for i, a := range accts {
		evs[i] = audit(a)
	}
	return evs
}

// prepareNewAccounts sets what CreateAccount sets on each new account.
func prepareNewAccounts(accts []*Account) {
	now := Now()
	for _, a := range accts {
		if a.ID == "" {
			a.ID = NewID()
		}
		if a.Attributes == "" {
			a.Attributes = "{}"
		}
		if a.Status == "" {
			a.Status = StatusNotInvited
		}
		a.Version, a.CreatedAt, a.UpdatedAt = 1, now, now
	}
}

// emailsOf returns the email rows of new accounts, keyed to them.
func emailsOf(accts []*Account) []Email {
	var emails []Email
	for _, a := range accts {
		for i := range a.Emails {
			a.Emails[i].AccountID, a.Emails[i].Position = a.ID, i
			emails = append(emails, a.Emails[i])
		}
	}
	return emails
}

// emailBatch is the rows of one multi-row INSERT of emails on PostgreSQL:
// 6 variables each, far below its limit of 65,535.
const emailBatch = 1000

// insertEmailsOf inserts the emails of accounts in bounded statements:
// multi-row ones of emailBatch rows on PostgreSQL, insertEach's single-row
// one on SQLite.
func (s *Store) insertEmailsOf(ctx context.Context, accts []*Account) error {
	emails := emailsOf(accts)
	if len(emails) == 0 {
		return nil
	}
	if s.dialect == SQLite {
		return insertEach(ctx, s, emails)
	}
	if err := s.q(ctx).CreateInBatches(emails, emailBatch).Error; err != nil {
		return fmt.Errorf("store: insert emails: %w", mapErr(err))
	}
	return nil
}
