package store

import "time"

// WebhookEndpoint is where lifecycle events are posted. Events is
// space-separated; the signing secret is sealed with the server's key.
type WebhookEndpoint struct {
	ID           string `gorm:"primaryKey"`
	URL          string `gorm:"column:url"`
	Events       string
	SecretSealed []byte
	Description  string
	Disabled     bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// TableName pins the table.
func (WebhookEndpoint) TableName() string { return "webhook_endpoints" }

// Webhook delivery statuses.
const (
	WebhookPending   = "pending"
	WebhookDelivered = "delivered"
	WebhookFailed    = "failed"
)

// WebhookDelivery is one event posted (or to be posted) to one endpoint.
// Its ID grows with insertion and orders the deliveries of one OrderKey.
type WebhookDelivery struct {
	ID             int64 `gorm:"primaryKey"`
	EndpointID     string
	EventID        string
	EventType      string
	OrderKey       string // "account:<id>" or "group:<id>": delivered in ID order
	Payload        string
	Status         string
	Attempts       int
	LastStatusCode int
	LastResponse   string
	LastError      string
	LastAttemptAt  *time.Time
	LastDurationMS int64 `gorm:"column:last_duration_ms"` // how long the last attempt took
	CreatedAt      time.Time
	FinishedAt     *time.Time
}

// TableName pins the table.
func (WebhookDelivery) TableName() string { return "webhook_deliveries" }
