package web

// The text of the admin-created account pages (issue 10: new, import,
// edit), merged into the catalogs like consoleEN and consoleFR.
var accountAdminEN = map[string]string{
	"account_new.title": "New account", "account_new.hint": "The account is invited at once: by email when it has one, else with an access code to hand over.",
	"account_new.submit": "Create and invite", "account_new.done": "Account created.", "account_new.link": "No SMTP is configured: copy this claim link now, it is shown only this once.",
	"account_new.code": "The account has no email: an access code was issued.", "account_new.queued": "The invitation is on its way by email.",
	"field.given_name": "Given name", "field.family_name": "Family name", "field.user_name": "User name (default: the email)",
	"field.external_id": "External ID", "field.user_type": "User type", "field.roles": "Roles (comma separated)",
	"field.language": "Preferred language", "field.message": "Message added to the invitation (optional)",
	"account_import.title": "Import accounts", "account_import.hint": "A csv (, or ;) or xlsx file with a header row: Email, External ID, User name, Given name, Family name, userType, Roles, Language. Each row is handled on its own.",
	"account_import.file": "File", "account_import.preview": "Preview", "account_import.apply": "Create the accounts",
	"account_import.invite": "Invite the created accounts", "account_import.invite.now": "now", "account_import.invite.later": "later (they stay not invited)",
	"account_import.summary": "Create: %d · already exist: %d · invalid: %d · invited: %d", "account_import.preview_note": "Preview: nothing is created until you confirm.",
	"account_import.download": "Download the report (CSV)", "account_import.err.file": "Choose a csv or xlsx file with a header row naming an Email, External ID or User name column.",
	"account_import.err.applied": "This preview was already applied.",
	"result.create":              "to create", "result.created": "created", "result.already_exists": "already exists", "result.invalid": "invalid",
	"account_edit.title": "Edit account", "account_edit.owned": "This account is owned by the integration %s: change it at the source, the next sync would overwrite it here.",
	"account_edit.reinvite": "The email changed and the pending invitation was canceled.", "account_edit.send": "Send a new invitation",
	"account_edit.link": "Edit", "accounts.new": "New account", "accounts.import": "Import accounts",
	"flash.account_saved": "Account saved.",
}

var accountAdminFR = map[string]string{
	"account_new.title": "Nouveau compte", "account_new.hint": "Le compte est invité aussitôt : par courriel s’il en a un, sinon par un code d’accès à remettre.",
	"account_new.submit": "Créer et inviter", "account_new.done": "Compte créé.", "account_new.link": "Aucun serveur SMTP n’est configuré : copiez ce lien d’activation maintenant, il n’est affiché qu’une fois.",
	"account_new.code": "Le compte n’a pas de courriel : un code d’accès a été émis.", "account_new.queued": "L’invitation part par courriel.",
	"field.given_name": "Prénom", "field.family_name": "Nom", "field.user_name": "Nom d’utilisateur (par défaut : le courriel)",
	"field.external_id": "Identifiant externe", "field.user_type": "Type d’utilisateur", "field.roles": "Rôles (séparés par des virgules)",
	"field.language": "Langue préférée", "field.message": "Message ajouté à l’invitation (facultatif)",
	"account_import.title": "Importer des comptes", "account_import.hint": "Un fichier csv (, ou ;) ou xlsx avec une ligne d’en-tête : Email, External ID, User name, Given name, Family name, userType, Roles, Language. Chaque ligne est traitée séparément.",
	"account_import.file": "Fichier", "account_import.preview": "Aperçu", "account_import.apply": "Créer les comptes",
	"account_import.invite": "Inviter les comptes créés", "account_import.invite.now": "maintenant", "account_import.invite.later": "plus tard (ils restent non invités)",
	"account_import.summary": "À créer : %d · existent déjà : %d · invalides : %d · invités : %d", "account_import.preview_note": "Aperçu : rien n’est créé avant votre confirmation.",
	"account_import.download": "Télécharger le rapport (CSV)", "account_import.err.file": "Choisissez un fichier csv ou xlsx dont l’en-tête nomme une colonne Email, External ID ou User name.",
	"account_import.err.applied": "Cet aperçu a déjà été appliqué.",
	"result.create":              "à créer", "result.created": "créé", "result.already_exists": "existe déjà", "result.invalid": "invalide",
	"account_edit.title": "Modifier le compte", "account_edit.owned": "Ce compte appartient à l’intégration %s : modifiez-le à la source, la prochaine synchronisation écraserait la modification.",
	"account_edit.reinvite": "Le courriel a changé et l’invitation en attente a été annulée.", "account_edit.send": "Envoyer une nouvelle invitation",
	"account_edit.link": "Modifier", "accounts.new": "Nouveau compte", "accounts.import": "Importer des comptes",
	"flash.account_saved": "Compte enregistré.",
}

func init() { addMessages(accountAdminEN, accountAdminFR) }
