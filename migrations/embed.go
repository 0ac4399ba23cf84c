package migrations

import "embed"

// Postgres holds the PostgreSQL migrations, applied by goose in version order.
//
//go:embed postgres/*.sql
var Postgres embed.FS

// SQLite holds the SQLite migrations; every version here has a twin in Postgres.
//
//go:embed sqlite/*.sql
var SQLite embed.FS
