package web

// The admin API tokens page's text, merged into the catalogs like consoleEN
// and consoleFR.
var adminTokensEN = map[string]string{
	"tokens.title": "Admin API tokens",
	"tokens.hint": "Tokens that authenticate the admin API. PROVISIOND_BOOTSTRAP_TOKEN installs the one named bootstrap; " +
		"revoke it once console owners exist. A revoked token never works again, even if the variable stays set.",
	"tokens.active": "Active", "tokens.revoked": "Revoked", "tokens.revoke": "Revoke",
	"tokens.none":         "No admin API token.",
	"flash.token_revoked": "The token is revoked.",
}

var adminTokensFR = map[string]string{
	"tokens.title": "Jetons de l’API d’administration",
	"tokens.hint": "Les jetons qui authentifient l’API d’administration. PROVISIOND_BOOTSTRAP_TOKEN installe celui nommé bootstrap ; " +
		"révoquez-le dès que des propriétaires existent dans la console. Un jeton révoqué ne fonctionne plus jamais, même si la variable reste définie.",
	"tokens.active": "Actif", "tokens.revoked": "Révoqué", "tokens.revoke": "Révoquer",
	"tokens.none":         "Aucun jeton d’API d’administration.",
	"flash.token_revoked": "Le jeton est révoqué.",
}

func init() { addMessages(adminTokensEN, adminTokensFR) }
