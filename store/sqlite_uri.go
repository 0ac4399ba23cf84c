package store

import (
	"net/url"
	"strings"
)

// sqliteURI is the DSN that opens the SQLite database at path with query
// q. The path is escaped for SQLite's URI form: unescaped, a '?' or '#' in
// a directory name ended the path there (the database went elsewhere, or
// the rest read as options), and a '%' was decoded.
func sqliteURI(path string, q url.Values) string {
	escaped := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	return "file:" + escaped + "?" + q.Encode()
}
