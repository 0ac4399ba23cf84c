package ui

import (
	"net/http"
	"strings"

	"golang.org/x/text/language"
)

// Languages has a catalog (catalog/*.json) and mail templates; the first is the fallback.
var Languages = []string{"en", "fr"}

// matcher chooses among Languages with golang.org/x/text/language.
var matcher = language.NewMatcher([]language.Tag{language.English, language.French})

// CookieName is the cookie that keeps a person's choice from the switcher.
const CookieName = "lang"

// Lang is the language of a page for r: the person's choice (the lang
// cookie) first, then candidates in order (the account's preferred language
// or locale, a language carried by the page's own form or redirect), then the
// browser's Accept-Language, else English.
func Lang(r *http.Request, candidates ...string) string {
	all := make([]string, 0, len(candidates)+2)
	if c, err := r.Cookie(CookieName); err == nil {
		all = append(all, c.Value)
	}
	all = append(all, candidates...)
	return Pick(append(all, r.Header.Get("Accept-Language"))...)
}

// Pick returns the first supported language among candidates, in order, or "en".
// Candidates may be SCIM preferredLanguage or locale values ("fr", "fr-CA", "fr_FR") or an
// Accept-Language header ("en;q=0.1, fr" picks fr: q-values count).
func Pick(candidates ...string) string {
	for _, c := range candidates {
		tags, _, err := language.ParseAcceptLanguage(shortTags(c))
		if err != nil {
			continue
		}
		var supported []language.Tag
		for _, t := range tags {
			if base, _ := t.Base(); supportedBase(base.String()) {
				supported = append(supported, t)
			}
		}
		if len(supported) == 0 {
			continue
		}
		_, i, _ := matcher.Match(supported...)
		return Languages[i]
	}
	return Languages[0]
}

func supportedBase(base string) bool {
	for _, l := range Languages {
		if base == l {
			return true
		}
	}
	return false
}

// shortTags keeps the entries of c whose primary subtag has 2 or 3 letters (x/text reads
// "french" as fr) and writes "fr_FR" as "fr-FR".
func shortTags(c string) string {
	var keep []string
	for _, e := range strings.Split(strings.ReplaceAll(c, "_", "-"), ",") {
		tag, _, _ := strings.Cut(e, ";")
		primary, _, _ := strings.Cut(strings.TrimSpace(tag), "-")
		if len(primary) == 2 || len(primary) == 3 || primary == "*" {
			keep = append(keep, e)
		}
	}
	return strings.Join(keep, ",")
}
