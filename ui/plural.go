package ui

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Plural catalog entries are one key per CLDR form: KEY.one and KEY.other
// (English and French have no other forms for whole numbers; French's
// "one" is 0 and 1). TN picks the form of n in lang and formats args in;
// a form the catalog lacks falls back to KEY.other.

// pluralForms names the forms of plural.Form that a catalog may hold.
var pluralForms = map[plural.Form]string{plural.Zero: "zero", plural.One: "one", plural.Two: "two",
	plural.Few: "few", plural.Many: "many", plural.Other: "other"}

// PluralKey is the catalog key of n's plural form of key in lang.
func PluralKey(lang, key string, n int) string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	if n < 0 {
		n = -n
	}
	form := plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)
	k := key + "." + pluralForms[form]
	if !Has(k) {
		k = key + ".other"
	}
	return k
}

// TN returns the text of key for the count n in lang: KEY.one, KEY.other...
// as lang's plural rules choose for n. args are formatted in (n is not
// added: pass it among args where the text shows it).
// n is any integer type (counts from the store are int64).
func TN(lang, key string, n any, args ...any) string {
	return T(lang, PluralKey(lang, key, count(n)), args...)
}

// count is n as an int, for the integer types a count arrives in.
func count(n any) int {
	switch v := n.(type) {
	case int:
		return v
	case int64:
		return int(v)
	case int32:
		return int(v)
	case uint:
		return int(v)
	case uint64:
		return int(v)
	}
	return 0
}

// Duration writes seconds in lang's words with the largest unit that
// divides it exactly: 3600 is "1 hour" ("1 heure"), 5400 "90 minutes",
// 45 "45 seconds".
func Duration(lang string, seconds int) string {
	for _, u := range []struct {
		key  string
		size int
	}{{"unit.day", 86400}, {"unit.hour", 3600}, {"unit.minute", 60}} {
		if seconds != 0 && seconds%u.size == 0 {
			return TN(lang, u.key, seconds/u.size, seconds/u.size)
		}
	}
	return TN(lang, "unit.second", seconds, seconds)
}
