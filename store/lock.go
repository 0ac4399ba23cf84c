package store

import "gorm.io/gorm/clause"

// forUpdate locks selected rows on PostgreSQL; SQLite's single writer needs no lock.
func forUpdate() clause.Expression { return clause.Locking{Strength: "UPDATE"} }
