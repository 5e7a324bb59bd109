package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/model"
)

var pageNames = []string{"home", "dyad", "event", "article", "search", "feeds", "error"}

func (s *Server) parseTemplates() error {
	funcs := template.FuncMap{
		"static":      func(name string) string { return "/static/" + name + "?v=" + s.static },
		"codeName":    s.codeName,
		"rootName":    s.ont.RootName,
		"quadName":    quadName,
		"actorName":   actorName,
		"countryName": countryName,
		"num":         formatInt,
		"signed":      func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) },
		"plus":        func(f float64) string { return fmt.Sprintf("%+.1f", f) },
		"date":        formatDate,
		"time":        formatTime,
		"ago":         func(t time.Time) string { return ago(s.opt.Now(), t) },
		"dur":         formatDuration,
		"clip":        clip,
		"dyadHref":    dyadHref,
		"eventHref":   func(id string) string { return "/event/" + url.PathEscape(id) },
		"articleHref": func(id string) string { return "/article/" + url.PathEscape(id) },
		"actorHref":   func(code string) string { return "/search?" + url.Values{"actor": {code}}.Encode() },
		"webURL":      webURL,
		"host":        host,
		"add":         func(a, b int) int { return a + b },
		"actorOf":     func(code string) model.Actor { return model.Actor{Code: code} },
		"list":        func(s ...string) []string { return s },
	}
	s.pages = map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html", "templates/"+name+".html")
		if err != nil {
			return err
		}
		s.pages[name] = t
	}
	return nil
}

// codeName names a CAMEO event code.
func (s *Server) codeName(code string) string {
	if e, ok := s.ont.Lookup(code); ok {
		return e.Name
	}
	return ""
}

func quadName(q int) string {
	if q < 1 || q > 4 {
		return "unknown"
	}
	return cameo.QuadClassNames[q]
}

// formatInt writes n with thousands separators.
func formatInt(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// formatDate writes an event's date at its precision.
func formatDate(date, precision string) string {
	t, err := time.Parse(dateLayout, date)
	if err != nil {
		return "date unknown"
	}
	switch precision {
	case model.PrecisionYear:
		return t.Format("2006")
	case model.PrecisionMonth:
		return t.Format("January 2006")
	case model.PrecisionWeek:
		return "week of " + t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan 2006")
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format("2 Jan 2006 15:04 UTC")
}

func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	future := d < 0
	if future {
		d = -d
	}
	var s string
	switch {
	case d < time.Minute:
		s = fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		s = fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		s = fmt.Sprintf("%dh %dm", int(d.Hours()), int(d.Minutes())%60)
	default:
		s = fmt.Sprintf("%dd", int(d.Hours()/24))
	}
	if future {
		return "in " + s
	}
	return s + " ago"
}

func formatDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "—"
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", int(d.Hours()))
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	}
	return d.Round(time.Second).String()
}

// clip shortens s to about n bytes at a character boundary, with an ellipsis.
func clip(n int, s string) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.TrimRight(s[:n], " ") + "…"
}

func dyadHref(a, b string) string {
	return "/dyad/" + url.PathEscape(a) + "/" + url.PathEscape(b)
}

// webURL returns u if it is an http or https address, else "": a stored URL
// may be a file name or anything a feed said.
func webURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

func host(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(p.Host, "www.")
}
