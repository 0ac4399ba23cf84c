package store

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// forUpdate locks selected rows on PostgreSQL; SQLite's single writer needs no lock.
func forUpdate() clause.Expression { return clause.Locking{Strength: "UPDATE"} }

// locked is q locking the rows it selects on PostgreSQL (forUpdate); on
// SQLite it is q.
func (s *Store) locked(q *gorm.DB) *gorm.DB {
	if s.dialect == Postgres {
		return q.Clauses(forUpdate())
	}
	return q
}

// lockedInTx is locked inside a transaction and q outside one: the reads
// that serve both a plain lookup and a transition about to change the row.
func (s *Store) lockedInTx(q *gorm.DB) *gorm.DB {
	if s.inTx {
		return s.locked(q)
	}
	return q
}
