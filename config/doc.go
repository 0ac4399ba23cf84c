// Package config owns provisiond's settings: one Config struct, loaded from
// defaults, then an optional YAML file (unknown keys rejected), then
// PROVISIOND_* environment variables (env wins). Secrets can also be read from
// a file named by the matching *_FILE variable or YAML key.
//
// Validate reports every problem at once, each naming both the YAML key and
// the environment variable. The defaults are the embedded mode: SQLite under
// the data dir, listening on 127.0.0.1:8080.
//
// config must not open files other than the config and secret files, nor
// touch the database: wiring does that.
package config
