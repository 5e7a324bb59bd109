package httpapi

import (
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/store"
)

// The query parameters each endpoint takes.
var (
	filterParams  = []string{"actor", "dyad", "both", "country", "root", "code", "quad", "since", "until", "place", "q", "lang"}
	eventParams   = append(filterParams[:len(filterParams):len(filterParams)], "limit", "cursor")
	dyadsParams   = append(filterParams[:len(filterParams):len(filterParams)], "limit")
	seriesParams  = []string{"interval", "since", "until", "both", "root", "code", "quad"}
	networkParams = []string{"period", "since", "until", "min_weight", "top", "root", "code", "quad"}
	actorParams   = []string{"lang", "kind", "code", "q", "limit", "cursor"}
)

// code checks an actor code or prefix: letters and digits, upper-cased.
func code(name, v string) (string, error) {
	if v == "" || len(v) > 15 {
		return "", badParam(name, "%q: want a CAMEO actor code or its prefix, such as RUS or RUSGOV", v)
	}
	for _, c := range v {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return "", badParam(name, "%q: want a CAMEO actor code or its prefix, such as RUS or RUSGOV", v)
		}
	}
	return strings.ToUpper(v), nil
}

func intParam(qv url.Values, name string, def, lo, hi int) (int, error) {
	v := qv.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badParam(name, "%q: want a whole number from %d to %d", v, lo, hi)
	}
	return n, nil
}

func boolParam(qv url.Values, name string) (bool, error) {
	switch v := qv.Get(name); v {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	default:
		return false, badParam(name, "%q: want true or false", v)
	}
}

func dateParam(qv url.Values, name string) (string, error) {
	v := qv.Get(name)
	if v != "" && !store.ValidDate(v) {
		return "", badParam(name, "%q: want a date YYYY-MM-DD", v)
	}
	return v, nil
}

func textParam(qv url.Values, name string, maxLen int) (string, error) {
	v := qv.Get(name)
	if len(v) > maxLen || !utf8.ValidString(v) {
		return "", badParam(name, "is too long or not UTF-8: at most %d bytes", maxLen)
	}
	return strings.TrimSpace(v), nil
}

// eventFilters reads the filters that /events and /dyads share.
func eventFilters(qv url.Values) (store.Query, error) {
	var q store.Query
	var err error
	get := qv.Get
	if v := get("actor"); v != "" {
		if q.Actor, err = code("actor", v); err != nil {
			return q, err
		}
	}
	if v := get("dyad"); v != "" {
		a, b, ok := strings.Cut(v, ":")
		if !ok || a == "" && b == "" {
			return q, badParam("dyad", "%q: want SOURCE:TARGET, such as RUS:CUB (A: or :B for one side)", v)
		}
		if a != "" {
			if q.Source, err = code("dyad", a); err != nil {
				return q, err
			}
		}
		if b != "" {
			if q.Target, err = code("dyad", b); err != nil {
				return q, err
			}
		}
	}
	if q.Both, err = boolParam(qv, "both"); err != nil {
		return q, err
	}
	if q.Both && get("dyad") == "" {
		return q, badParam("both", "needs a dyad")
	}
	if v := get("country"); v != "" {
		if q.Country, err = code("country", v); err != nil || len(v) != 3 {
			return q, badParam("country", "%q: want a three-letter country code, such as CUB", v)
		}
	}
	if err := codeFilters(qv, &q); err != nil {
		return q, err
	}
	if q.Since, err = dateParam(qv, "since"); err != nil {
		return q, err
	}
	if q.Until, err = dateParam(qv, "until"); err != nil {
		return q, err
	}
	if q.Place, err = textParam(qv, "place", 100); err != nil {
		return q, err
	}
	if q.Text, err = textParam(qv, "q", 200); err != nil {
		return q, err
	}
	if v := get("lang"); v != "" {
		if len(v) != 2 || strings.ToLower(v) != v {
			return q, badParam("lang", "%q: want a two-letter language code: en, fr, es", v)
		}
		q.Lang = v
	}
	return q, nil
}

// codeFilters reads root, code and quad.
func codeFilters(qv url.Values, q *store.Query) error {
	get := qv.Get
	if v := get("root"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 20 || len(v) > 2 {
			return badParam("root", "%q: want a CAMEO root from 01 to 20", v)
		}
		q.Root = strconv.Itoa(n)
		if n < 10 {
			q.Root = "0" + q.Root
		}
	}
	if v := get("code"); v != "" {
		if _, err := strconv.Atoi(v); err != nil || len(v) < 2 || len(v) > 4 {
			return badParam("code", "%q: want a CAMEO event code or its prefix, two to four digits", v)
		}
		q.Code = v
	}
	var err error
	q.Quad, err = intParam(qv, "quad", 0, 1, 4)
	return err
}

// The cursor of /events is the position of the last event of a page; that
// of /actors an offset. Both are opaque to clients.
func encodeCursor(c store.Cursor) string {
	return base64.RawURLEncoding.EncodeToString([]byte(c.Date + "," + c.ID))
}

func decodeCursor(v string) (*store.Cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(v)
	d, id, ok := strings.Cut(string(b), ",")
	if err != nil || !ok || (d != "" && !store.ValidDate(d)) || !validEventID(id) {
		return nil, badParam("cursor", "%q: not a cursor this API gave", v)
	}
	return &store.Cursor{Date: d, ID: id}, nil
}

func encodeOffset(n int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o" + strconv.Itoa(n)))
}

func decodeOffset(v string) (int, error) {
	b, err := base64.RawURLEncoding.DecodeString(v)
	n, ok := strings.CutPrefix(string(b), "o")
	off, err2 := strconv.Atoi(n)
	if err != nil || !ok || err2 != nil || off < 0 {
		return 0, badParam("cursor", "%q: not a cursor this API gave", v)
	}
	return off, nil
}

func validEventID(id string) bool {
	if len(id) != 16 {
		return false
	}
	for _, c := range id {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// period reads a period (YYYY, YYYY-MM or YYYY-MM-DD) as since and until.
func period(v string) (since, until string, err error) {
	for _, layout := range []struct {
		layout string
		add    func(time.Time) time.Time
	}{
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, -1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, -1) }},
		{"2006-01-02", func(t time.Time) time.Time { return t }},
	} {
		if len(v) != len(layout.layout) {
			continue
		}
		if t, err := time.Parse(layout.layout, v); err == nil {
			return t.Format("2006-01-02"), layout.add(t).Format("2006-01-02"), nil
		}
	}
	return "", "", badParam("period", "%q: want a year YYYY, a month YYYY-MM or a day YYYY-MM-DD", v)
}
