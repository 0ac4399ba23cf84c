package mail

import (
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// QRCode returns a 256x256 PNG QR code of text (medium error correction), as inlined in
// invitation_code mails; the access-code API can serve the same image.
func QRCode(text string) ([]byte, error) {
	png, err := qrcode.Encode(text, qrcode.Medium, 256)
	if err != nil {
		return nil, fmt.Errorf("mail: qr code: %w", err)
	}
	return png, nil
}
