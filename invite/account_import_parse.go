package invite

import (
	"errors"
	"fmt"
	"strings"

	"github.com/provisiond/provisiond/account"
)

// AccountImportRow is one data row of an account import file.
type AccountImportRow struct {
	Row   int                `json:"row"` // as a spreadsheet shows it: the header is row 1
	Input account.AdminInput `json:"input"`
}

// Value is what the report shows to name the row: email, else external id,
// else user name.
func (r AccountImportRow) Value() string {
	for _, v := range []string{r.Input.Email, r.Input.ExternalID, r.Input.UserName} {
		if v != "" {
			return v
		}
	}
	return ""
}

// ErrAccountImportFormat means the file is not a csv/xlsx with the columns
// an account import needs.
var ErrAccountImportFormat = errors.New(`invite: account import file needs a header row with an "Email", "External ID" or "User name" column`)

// accountColumns maps normalized headers (normHeader) to the input field.
var accountColumns = map[string]string{
	"email": "email", "emailaddress": "email", "mail": "email",
	"externalid": "externalId",
	"username":   "userName", "login": "userName",
	"givenname": "givenName", "firstname": "givenName", "prenom": "givenName", "prénom": "givenName",
	"familyname": "familyName", "lastname": "familyName", "surname": "familyName", "nom": "familyName",
	"usertype": "userType", "type": "userType",
	"roles": "roles", "role": "roles",
	"language": "language", "preferredlanguage": "language", "lang": "language", "langue": "language",
}

// ParseAccountImport reads a csv (`,` or `;`, UTF-8 with or without BOM)
// or xlsx file (see ParseImport) whose header names the columns in any case
// and order: email, external id, user name, given name, family name,
// userType, roles (separated by `|` or `,`), language. Unknown columns are
// ignored; blank rows are skipped.
func ParseAccountImport(name string, data []byte) ([]AccountImportRow, error) {
	records, err := readRecords(name, data)
	if errors.Is(err, ErrImportFormat) {
		return nil, fmt.Errorf("%w: %w", ErrAccountImportFormat, err)
	}
	if err != nil {
		return nil, err
	}
	if len(records) == 0 {
		return nil, ErrAccountImportFormat
	}
	cols := map[string]int{}
	for i, h := range records[0] {
		if f, ok := accountColumns[normHeader(h)]; ok {
			if _, dup := cols[f]; !dup {
				cols[f] = i
			}
		}
	}
	_, e := cols["email"]
	_, x := cols["externalId"]
	_, u := cols["userName"]
	if !e && !x && !u {
		return nil, ErrAccountImportFormat
	}
	rows := make([]AccountImportRow, 0, len(records)-1)
	for i, rec := range records[1:] {
		if blank(rec) {
			continue
		}
		cell := func(f string) string {
			if c, ok := cols[f]; ok && c < len(rec) {
				return strings.TrimSpace(rec[c])
			}
			return ""
		}
		in := account.AdminInput{Email: cell("email"), ExternalID: cell("externalId"), UserName: cell("userName"),
			GivenName: cell("givenName"), FamilyName: cell("familyName"), UserType: cell("userType"),
			Roles: splitRoles(cell("roles")), PreferredLanguage: cell("language")}
		rows = append(rows, AccountImportRow{Row: i + 2, Input: in})
	}
	return rows, nil
}

// splitRoles splits a roles cell on `|` or `,`.
func splitRoles(cell string) []string {
	if cell == "" {
		return nil
	}
	return strings.FieldsFunc(cell, func(r rune) bool { return r == '|' || r == ',' })
}
