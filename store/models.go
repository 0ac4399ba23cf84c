package store

import "time"

// Integration is a source of accounts: a SCIM client (an IdP) or an LDAP directory.
type Integration struct {
	ID                 string `gorm:"primaryKey"`
	Name               string
	Kind               string // "scim" or "ldap"
	AutoInvite         bool
	InviteDelaySeconds int // at most MaxInviteDelay
	// ReminderDays is how many days before an unclaimed invitation expires
	// its reminder goes out; 0 sends none (reminders.go).
	ReminderDays    int
	RequireApproval bool
	DeliveryMethod  string // "link" or "code"
	Permissions     string // space-separated, e.g. "accounts:read accounts:write"
	Disabled        bool
	TokenHash       *string
	TokenPrefix     string
	OIDCIssuer      string  `gorm:"column:oidc_issuer"`
	OIDCAudience    string  `gorm:"column:oidc_audience"`
	LDAPConfig      *string `gorm:"column:ldap_config"`
	// LDAPBindPassword is the bind password given through the admin API,
	// sealed by directory (directory/seal.go); nil when none.
	LDAPBindPassword []byte `gorm:"column:ldap_bind_password"`
	SyncCookie       []byte
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// TableName pins the table.
func (Integration) TableName() string { return "integrations" }

// Account statuses: a contract (README, docs/openapi.yaml AccountStatus); keep the names.
const (
	StatusNotInvited      = "not_invited"
	StatusInvited         = "invited"
	StatusPendingApproval = "pending_approval"
	StatusActive          = "active"
	StatusRejected        = "rejected"
	StatusSuspended       = "suspended"
	StatusDeleted         = "deleted"
)

// Account is a person's account, provisioned by an integration or created by an admin.
type Account struct {
	ID                string `gorm:"primaryKey"`
	IntegrationID     *string
	Origin            string // "scim", "ldap", "admin", "link"
	ExternalID        *string
	UserName          string
	Email             string // primary email, as given
	FormattedName     string
	GivenName         string
	FamilyName        string
	MiddleName        string
	HonorificPrefix   string
	HonorificSuffix   string
	DisplayName       string
	NickName          string
	Title             string
	UserType          string
	PreferredLanguage string
	Locale            string
	Timezone          string
	EmployeeNumber    string
	Department        string
	Organization      string
	Division          string
	CostCenter        string
	ManagerID         string
	Active            bool
	Status            string
	Held              string // kind of the pending held change (HeldDeactivate, HeldDelete), "" when none
	Attributes        string // JSON object of the other SCIM attributes
	SourceHash        string // hash of the source's last view, for LDAP diffs
	SourceDN          string `gorm:"column:source_dn"`  // LDAP: the DN last synced from
	ManagerDN         string `gorm:"column:manager_dn"` // LDAP: the manager's DN; ManagerID once linked
	PasswordHash      string
	Version           int64
	CreatedAt         time.Time
	UpdatedAt         time.Time
	ClaimedAt         *time.Time
	DeletedAt         *time.Time

	Emails []Email `gorm:"-"`
}

// TableName pins the table.
func (Account) TableName() string { return "accounts" }

// Email is one of an account's addresses.
type Email struct {
	AccountID string `gorm:"primaryKey"`
	Position  int    `gorm:"primaryKey"`
	Value     string
	Type      string
	IsPrimary bool
	Display   string
}

// TableName pins the table.
func (Email) TableName() string { return "account_emails" }

// Group is a SCIM group; members are rows of group_members.
type Group struct {
	ID            string `gorm:"primaryKey"`
	IntegrationID *string
	ExternalID    *string
	DisplayName   string
	Attributes    string
	MemberCount   int64
	Version       int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TableName pins the table.
func (Group) TableName() string { return "groups" }

// AuditEvent records one change, written in the transaction of the change.
type AuditEvent struct {
	ID         int64 `gorm:"primaryKey"`
	At         time.Time
	Actor      string
	Action     string
	TargetType string
	TargetID   string
	Details    string // JSON object
}

// TableName pins the table.
func (AuditEvent) TableName() string { return "audit_events" }

// SyncRun is one LDAP synchronisation run, with live progress.
type SyncRun struct {
	ID             string `gorm:"primaryKey"`
	IntegrationID  string
	Status         string // running, succeeded, failed, stopped
	Mode           string // full, incremental
	DryRun         bool
	Trigger        string
	ReadCount      int
	CreatedCount   int
	UpdatedCount   int
	SuspendedCount int
	DeletedCount   int
	InvitedCount   int
	Message        string
	StartedAt      time.Time
	FinishedAt     *time.Time
}

// TableName pins the table.
func (SyncRun) TableName() string { return "sync_runs" }

// Admin is a console administrator.
type Admin struct {
	ID           string `gorm:"primaryKey"`
	Email        string
	Name         string
	Role         string // owner, admin, viewer
	PasswordHash string
	Creator      bool
	Disabled     bool
	Language     string // of the mail sent to the admin (BCP 47); "": the instance default
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// TableName pins the table.
func (Admin) TableName() string { return "admins" }

// AdminToken is an admin API bearer token, stored as a hash.
type AdminToken struct {
	ID          string `gorm:"primaryKey"`
	AdminID     *string
	Name        string
	Role        string
	TokenHash   string
	TokenPrefix string
	CreatedAt   time.Time
	LastUsedAt  *time.Time
	RevokedAt   *time.Time // revoked tokens stay, so a revocation outlives restarts
}

// TableName pins the table.
func (AdminToken) TableName() string { return "admin_tokens" }
