package ui

import (
	"embed"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// catalogFS holds one message catalog per language: catalog/<lang>.json, a
// flat object of key -> text (fmt verbs for arguments). Page, console and
// sign-in texts share it; a key means the same words wherever it is used.
//
//go:embed catalog/*.json
var catalogFS embed.FS

// catalogs[lang][key], read once when the package loads and never written
// after: a missing or broken file stops the program at start-up.
var catalogs = mustLoadCatalogs()

func mustLoadCatalogs() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, lang := range Languages {
		b, err := catalogFS.ReadFile("catalog/" + lang + ".json")
		if err != nil {
			panic(fmt.Sprintf("ui: catalog %s: %v", lang, err))
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			panic(fmt.Sprintf("ui: catalog %s: %v", lang, err))
		}
		out[lang] = m
	}
	return out
}

// T returns the text of key in lang (falling back to English), with args
// formatted in. An unknown key shows as itself, which tests catch.
func T(lang, key string, args ...any) string {
	cat, ok := catalogs[lang]
	if !ok {
		cat = catalogs[Pick(lang)]
	}
	msg, ok := cat[key]
	if !ok {
		msg, ok = catalogs[Languages[0]][key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Has reports whether key is in the catalogs (checked against English, which
// a test keeps equal to every other language's keys).
func Has(key string) bool {
	_, ok := catalogs[Languages[0]][key]
	return ok
}

// Keys lists the keys of lang's catalog, sorted (for tests).
func Keys(lang string) []string {
	return slices.Sorted(maps.Keys(catalogs[lang]))
}
