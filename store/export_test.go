package store

import "gorm.io/gorm"

// DBForTest exposes gorm to the package's external tests.
func (s *Store) DBForTest() *gorm.DB { return s.db }
