package web

// The LDAP settings' text on the integration pages, merged into the
// catalogs like consoleEN and consoleFR.
var ldapSettingsEN = map[string]string{
	"integration.ldap_settings.hint": "The keys of an --ldap-config file: url, bindDN, users.baseDN, interval, caCertificate (the CA's PEM)… " +
		"Type the bind password in its own field, never here; files and variables (bindPasswordFile, bindPasswordEnv, caFile) " +
		"work only where the operator allows them. Every bad key is reported at once.",
	"integration.ldap_password": "Bind password",
	"integration.ldap_password.hint": "Stored encrypted and never shown again. Leave empty to keep the stored password; " +
		"type it again whenever url, bindDN or a TLS setting changes.",
	"integration.ldap_password.set":   "A bind password is stored.",
	"integration.ldap_password.unset": "No bind password is stored.",
}

var ldapSettingsFR = map[string]string{
	"integration.ldap_settings.hint": "Les clés d’un fichier --ldap-config : url, bindDN, users.baseDN, interval, caCertificate (le PEM de l’autorité)… " +
		"Saisissez le mot de passe de liaison dans son propre champ, jamais ici ; fichiers et variables (bindPasswordFile, bindPasswordEnv, caFile) " +
		"ne sont acceptés que là où l’opérateur les autorise. Chaque clé erronée est signalée en une fois.",
	"integration.ldap_password": "Mot de passe de liaison (bind)",
	"integration.ldap_password.hint": "Conservé chiffré et jamais réaffiché. Laissez vide pour garder le mot de passe enregistré ; " +
		"saisissez-le de nouveau dès que url, bindDN ou un réglage TLS change.",
	"integration.ldap_password.set":   "Un mot de passe de liaison est enregistré.",
	"integration.ldap_password.unset": "Aucun mot de passe de liaison n’est enregistré.",
}

func init() { addMessages(ldapSettingsEN, ldapSettingsFR) }
