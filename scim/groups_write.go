package scim

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/provisiond/provisiond/store"
)

// writeGroup answers with one group, streaming its members. Location is set
// by the caller for 201.
func (s *Server) writeGroup(w http.ResponseWriter, r *http.Request, status int, g *store.Group, v groupView) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("ETag", etag(g.Version))
	w.WriteHeader(status)
	bw := bufio.NewWriterSize(w, 32<<10)
	if err := s.encodeGroup(r.Context(), bw, g, v); err != nil {
		s.abortStream(r, g.ID, err)
	}
	bw.WriteByte('\n')
	if err := bw.Flush(); err != nil {
		s.abortStream(r, g.ID, err)
	}
}

// abortStream ends a response whose status is already sent: aborting the
// connection is the only way to tell the client the body is incomplete.
func (s *Server) abortStream(r *http.Request, groupID string, err error) {
	s.log.ErrorContext(r.Context(), "scim group response aborted", "group", groupID, "err", err)
	panic(http.ErrAbortHandler)
}

// encodeGroup writes g as a SCIM Group. Members come from a database cursor
// straight into w; the bufio.Writer flushes every 32 KiB, so memory stays
// flat whatever the group's size.
func (s *Server) encodeGroup(ctx context.Context, w *bufio.Writer, g *store.Group, v groupView) error {
	b := w.AvailableBuffer()
	b = append(b, `{"schemas":["`+GroupURN+`"],"id":`...)
	b = appendJSONString(b, g.ID)
	if g.ExternalID != nil && v.has("externalid") {
		b = appendJSONString(append(b, `,"externalId":`...), *g.ExternalID)
	}
	if v.has("displayname") {
		b = appendJSONString(append(b, `,"displayName":`...), g.DisplayName)
	}
	if v.has("meta") {
		b = append(b, `,"meta":{"resourceType":"Group","created":"`...)
		b = g.CreatedAt.UTC().AppendFormat(b, time.RFC3339Nano)
		b = append(b, `","lastModified":"`...)
		b = g.UpdatedAt.UTC().AppendFormat(b, time.RFC3339Nano)
		b = appendJSONString(append(b, `","location":`...), s.baseURL+"/Groups/"+g.ID)
		b = appendJSONString(append(b, `,"version":`...), etag(g.Version))
		b = append(b, '}')
	}
	if _, err := w.Write(b); err != nil {
		return err
	}
	if v.has("members") {
		if _, err := w.WriteString(`,"members":[`); err != nil {
			return err
		}
		first := true
		userRef := s.baseURL + "/Users/"
		err := s.store.EachGroupMember(ctx, g.ID, func(m store.GroupMember) error {
			b := w.AvailableBuffer()
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendJSONString(append(b, `{"value":`...), m.AccountID)
			b = appendJSONString(append(b, `,"display":`...), m.Display)
			b = appendJSONString(append(b, `,"$ref":`...), userRef+m.AccountID)
			b = append(b, `,"type":"User"}`...)
			_, err := w.Write(b)
			return err
		})
		if err != nil {
			return err
		}
		if err := w.WriteByte(']'); err != nil {
			return err
		}
	}
	return w.WriteByte('}')
}

// appendJSONString appends s as a JSON string; ids and most names are plain
// ASCII and take the allocation-free path.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// groupItoa is strconv.FormatInt for the list envelope.
func groupItoa(n int64) string { return strconv.FormatInt(n, 10) }
