package web

import (
	"fmt"
	"maps"

	"github.com/provisiond/provisiond/mail"
)

// catalogs holds every page text by language (mail.Languages) and key. A test
// checks that each language has exactly the keys English has.
var catalogs = map[string]map[string]string{"en": messagesEN, "fr": messagesFR}

// translate returns the text of key in lang (falling back to English), with
// args formatted in. An unknown key shows as itself, which tests catch.
func translate(lang, key string, args ...any) string {
	msg, ok := catalogs[mail.PickLanguage(lang)][key]
	if !ok {
		msg, ok = messagesEN[key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// addMessages merges a page's English and French texts into the catalogs,
// from the init of the file that holds them.
func addMessages(en, fr map[string]string) {
	maps.Copy(messagesEN, en)
	maps.Copy(messagesFR, fr)
}
