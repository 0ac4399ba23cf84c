package mail

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Languages with templates; the first is the fallback.
var Languages = []string{"en", "fr"}

// matcher chooses among Languages with golang.org/x/text/language.
var matcher = language.NewMatcher([]language.Tag{language.English, language.French})

// PickLanguage returns the first supported language among candidates, in order, or "en".
// Candidates may be SCIM preferredLanguage or locale values ("fr", "fr-CA", "fr_FR") or an
// Accept-Language header ("en;q=0.1, fr" picks fr: q-values count).
func PickLanguage(candidates ...string) string {
	for _, c := range candidates {
		tags, _, err := language.ParseAcceptLanguage(shortTags(c))
		if err != nil {
			continue
		}
		var supported []language.Tag
		for _, t := range tags {
			base, _ := t.Base()
			for _, l := range Languages {
				if base.String() == l {
					supported = append(supported, t)
				}
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

var frMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// formatDate writes a date the way each language does: "March 5, 2026", "5 mars 2026".
// Dates are shown in UTC: the server does not know the recipient's time zone.
func formatDate(lang string, v any) string {
	t, ok := v.(time.Time)
	if !ok || t.IsZero() {
		return ""
	}
	t = t.UTC()
	if lang != "fr" {
		return t.Format("January 2, 2006")
	}
	day := fmt.Sprint(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, frMonths[t.Month()-1], t.Year())
}

// formatDateTime adds the time of day, for short expiries such as password resets.
func formatDateTime(lang string, v any) string {
	t, ok := v.(time.Time)
	if !ok || t.IsZero() {
		return ""
	}
	if lang != "fr" {
		return formatDate(lang, t) + ", " + t.UTC().Format("15:04") + " UTC"
	}
	return formatDate(lang, t) + " à " + t.UTC().Format("15:04") + " UTC"
}
