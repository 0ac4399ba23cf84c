package mail

import (
	"fmt"
	"time"
)

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
