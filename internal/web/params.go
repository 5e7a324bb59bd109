package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad/internal/store"
)

// Bounds on what a request may ask for.
const (
	maxCodeLen   = 24
	maxQueryLen  = 200
	maxPage      = 10000
	defaultDays  = 30
	homeTopEdges = 60
)

// params reads and checks a request's query parameters; the first problem
// is kept in err and the value given back is the zero value.
type params struct {
	v   url.Values
	err error
}

func newParams(r *http.Request) *params { return &params{v: r.URL.Query()} }

func (p *params) bad(format string, a ...any) {
	if p.err == nil {
		p.err = fmt.Errorf(format, a...)
	}
}

func (p *params) str(name string) string { return strings.TrimSpace(p.v.Get(name)) }

// code is an actor code or prefix: letters and digits, upper-cased.
func (p *params) code(name string) string {
	return checkCode(p, name, p.str(name))
}

func checkCode(p *params, name, v string) string {
	v = strings.ToUpper(strings.TrimSpace(v))
	if v == "" {
		return ""
	}
	if !validCode(v) {
		p.bad("%s %q: want an actor code such as RUS or RUSGOV (letters and digits)", name, clip(40, v))
		return ""
	}
	return v
}

func validCode(v string) bool {
	if len(v) == 0 || len(v) > maxCodeLen {
		return false
	}
	for _, c := range v {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func (p *params) date(name string) string {
	v := p.str(name)
	if v != "" && !store.ValidDate(v) {
		p.bad("%s %q: want a date YYYY-MM-DD", name, clip(40, v))
		return ""
	}
	return v
}

// intIn reads an integer from lo to hi, def when absent.
func (p *params) intIn(name string, lo, hi, def int) int {
	v := p.str(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		p.bad("%s %q: want a number from %d to %d", name, clip(40, v), lo, hi)
		return def
	}
	return n
}

// root is a CAMEO root, 01 to 20.
func (p *params) root(name string) string {
	v := p.str(name)
	if v == "" {
		return ""
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 20 || len(v) > 2 {
		p.bad("%s %q: want a CAMEO root from 01 to 20", name, clip(40, v))
		return ""
	}
	return fmt.Sprintf("%02d", n)
}

func (p *params) text(name string) string {
	v := p.str(name)
	if len(v) > maxQueryLen {
		p.bad("%s: at most %d characters", name, maxQueryLen)
		return ""
	}
	return v
}

func (p *params) lang(name string) string {
	v := strings.ToLower(p.str(name))
	if v == "" {
		return ""
	}
	if len(v) != 2 || v[0] < 'a' || v[0] > 'z' || v[1] < 'a' || v[1] > 'z' {
		p.bad("%s %q: want a two-letter language code such as en, fr, es", name, clip(40, v))
		return ""
	}
	return v
}

func (p *params) oneOf(name, def string, allowed ...string) string {
	v := p.str(name)
	if v == "" {
		return def
	}
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	p.bad("%s %q: want one of %s", name, clip(40, v), strings.Join(allowed, ", "))
	return def
}

// cursor reads a position in the event order: "DATE~ID" (DATE may be
// empty for events of unknown date).
func (p *params) cursor(name string) *store.Cursor {
	v := p.str(name)
	if v == "" {
		return nil
	}
	d, id, ok := strings.Cut(v, "~")
	if !ok || (d != "" && !store.ValidDate(d)) || id == "" || len(id) > 64 || strings.ContainsAny(id, " \t\n") {
		p.bad("%s %q: not a position in the list of events", name, clip(40, v))
		return nil
	}
	return &store.Cursor{Date: d, ID: id}
}

func cursorParam(c store.Cursor) string { return c.Date + "~" + c.ID }

// with returns path?query with the query's name set to value (or removed
// when value is "").
func with(path string, q url.Values, kv ...string) string {
	n := url.Values{}
	for k, v := range q {
		n[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			n.Del(kv[i])
		} else {
			n.Set(kv[i], kv[i+1])
		}
	}
	if len(n) == 0 {
		return path
	}
	return path + "?" + n.Encode()
}
