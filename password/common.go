package password

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed common.txt
var commonText string

// common returns the blocklist, lower-cased, built at its first use (a few
// thousand entries, 1 MB a server answering only SCIM never needs).
var common = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 8192)
	for line := range strings.Lines(commonText) {
		if w := strings.TrimSpace(line); w != "" && !strings.HasPrefix(w, "#") {
			set[strings.ToLower(w)] = struct{}{}
		}
	}
	return set
})

// isCommon reports whether pw is on the blocklist (ignoring case) or one character repeated.
func isCommon(pw string) bool {
	if _, ok := common()[strings.ToLower(pw)]; ok {
		return true
	}
	first, size := utf8.DecodeRuneInString(pw)
	return size > 0 && strings.Count(pw, string(first)) == utf8.RuneCountInString(pw)
}
