package ui

import "testing"

// Counts and durations read as real plurals in both languages: French's
// singular covers 0 and 1, English's only 1.
func TestPluralsAndDurations(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "0 seconds"}, {"en", 1, "1 second"}, {"en", 30, "30 seconds"},
		{"en", 60, "1 minute"}, {"en", 5400, "90 minutes"}, {"en", 3600, "1 hour"}, {"en", 7200, "2 hours"},
		{"en", 86400, "1 day"}, {"en", 604800, "7 days"},
		{"fr", 0, "0 seconde"}, {"fr", 1, "1 seconde"}, {"fr", 30, "30 secondes"},
		{"fr", 3600, "1 heure"}, {"fr", 7200, "2 heures"}, {"fr", 5400, "90 minutes"}, {"fr", 172800, "2 jours"},
	} {
		if got := Duration(c.lang, c.n); got != c.want {
			t.Errorf("Duration(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "Breaker tripped: 1 deactivation or deletion from “okta” is held and not applied."},
		{"en", 2, "Breaker tripped: 2 deactivations or deletions from “okta” are held and not applied."},
		{"fr", 1, "Disjoncteur déclenché : 1 désactivation ou suppression venant de « okta » est retenue et non appliquée."},
		{"fr", 3, "Disjoncteur déclenché : 3 désactivations ou suppressions venant de « okta » sont retenues et non appliquées."},
	} {
		if got := TN(c.lang, "breaker.banner", c.n, c.n, "okta"); got != c.want {
			t.Errorf("TN(%s, breaker.banner, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}
