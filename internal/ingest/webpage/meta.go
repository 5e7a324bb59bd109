package webpage

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what the markup of a page says about the page, gathered in one
// pass before the tree is cleaned.
type pageMeta struct {
	htmlLang  string
	title     string            // <title>
	h1        []string          // text of the <h1> elements
	metas     map[string]string // lower-cased name, property, itemprop or http-equiv → first content
	canonical string            // <link rel=canonical href>
	itemDate  string            // itemprop=datePublished
	itemAuth  string            // itemprop=author or rel=author text
	timeDate  string            // first <time datetime>, one marked as publication preferred
	ld        ldData
}

// ldData is what the JSON-LD scripts of a page say about its article.
type ldData struct {
	headline, author, published, lang, body, publisher, description, url string
}

func readMeta(doc *html.Node) *pageMeta {
	m := &pageMeta{metas: make(map[string]string)}
	var pubTime bool
	elements(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Html:
			if m.htmlLang == "" {
				m.htmlLang = attr(n, "lang")
				if m.htmlLang == "" {
					m.htmlLang = attr(n, "xml:lang")
				}
			}
		case atom.Title:
			if m.title == "" {
				m.title = collapse(rawText(n))
			}
			return false
		case atom.Meta:
			content := strings.TrimSpace(attr(n, "content"))
			if content == "" {
				return false
			}
			for _, k := range []string{"name", "property", "itemprop", "http-equiv"} {
				for _, key := range strings.Fields(strings.ToLower(attr(n, k))) {
					if _, ok := m.metas[key]; !ok {
						m.metas[key] = content
					}
				}
			}
		case atom.Link:
			if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
				m.canonical = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Script:
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
				m.ld.merge(parseLD(rawText(n)))
			}
			return false
		case atom.H1:
			if t := collapse(rawText(n)); t != "" && len(m.h1) < 5 {
				m.h1 = append(m.h1, t)
			}
		case atom.Time:
			if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
				marked := hasAttr(n, "pubdate") || strings.Contains(strings.ToLower(attr(n, "class")+attr(n, "itemprop")), "publi")
				if m.timeDate == "" || marked && !pubTime {
					m.timeDate = dt
					pubTime = marked
				}
			}
		}
		switch strings.ToLower(attr(n, "itemprop")) {
		case "datepublished":
			if m.itemDate == "" {
				m.itemDate = firstNonEmpty(attr(n, "content"), attr(n, "datetime"), collapse(rawText(n)))
			}
		case "author", "creator":
			if m.itemAuth == "" && n.DataAtom != atom.Meta && n.DataAtom != atom.Link {
				m.itemAuth = collapse(rawText(n))
			}
		}
		if m.itemAuth == "" && n.DataAtom == atom.A && hasToken(attr(n, "rel"), "author") {
			m.itemAuth = collapse(rawText(n))
		}
		return true
	})
	return m
}

// apply fills the metadata fields of p.
func (m *pageMeta) apply(p *Page, base *url.URL) {
	p.SiteName = firstNonEmpty(m.metas["og:site_name"], m.ld.publisher, m.metas["application-name"])
	p.Canonical = resolve(base, firstNonEmpty(m.canonical, m.metas["og:url"], m.ld.url))
	host := hostLabel(p.Canonical)
	if base != nil {
		host = firstNonEmpty(hostLabel(base.String()), host)
	}
	p.Title = cleanTitle(firstNonEmpty(m.metas["og:title"], m.ld.headline, m.metas["twitter:title"],
		m.metas["dc.title"], m.singleH1(), m.title), p.SiteName, host)
	p.Author = cleanAuthor(firstNonEmpty(m.ld.author, notURL(m.metas["author"]), notURL(m.metas["article:author"]),
		m.metas["dc.creator"], m.metas["parsely-author"], m.metas["sailthru.author"], m.metas["byl"], m.itemAuth))
	p.Description = firstNonEmpty(m.metas["og:description"], m.metas["description"],
		m.metas["twitter:description"], m.ld.description)
	p.Lang = firstNonEmpty(LangTag(m.htmlLang), LangTag(m.metas["og:locale"]),
		LangTag(m.metas["content-language"]), LangTag(m.metas["language"]),
		LangTag(m.metas["dc.language"]), LangTag(m.ld.lang))
	for _, s := range []string{
		m.metas["article:published_time"], m.metas["og:published_time"], m.ld.published, m.itemDate,
		m.metas["publishdate"], m.metas["publish-date"], m.metas["publish_date"], m.metas["pubdate"],
		m.metas["publication_date"], m.metas["date_published"], m.metas["datepublished"],
		m.metas["article.published"], m.metas["parsely-pub-date"], m.metas["sailthru.date"],
		m.metas["dc.date.issued"], m.metas["dcterms.issued"], m.metas["dc.date"], m.metas["dcterms.date"],
		m.metas["dc.date.created"], m.metas["dcterms.created"], m.metas["date"], m.timeDate,
	} {
		if t, ok := parseDate(s); ok {
			p.Published = t
			break
		}
	}
}

func (m *pageMeta) singleH1() string {
	if len(m.h1) == 1 {
		return m.h1[0]
	}
	return ""
}

var rxArticleType = regexp.MustCompile(`(?i)(article|posting|report|story)$`)

// parseLD reads one JSON-LD script. Broken JSON is common (raw newlines in
// strings, HTML comments around the object); what cannot be read is ignored.
func parseLD(s string) ldData {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "<!--")
	s = strings.TrimSuffix(s, "-->")
	s = strings.TrimPrefix(strings.TrimSpace(s), "//<![CDATA[")
	s = strings.TrimSuffix(strings.TrimSpace(s), "//]]>")
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		// Control characters are not allowed in JSON strings; outside strings
		// a space does as well as they would.
		clean := strings.Map(func(r rune) rune {
			if r < 0x20 {
				return ' '
			}
			return r
		}, s)
		if err := json.Unmarshal([]byte(clean), &v); err != nil {
			return ldData{}
		}
	}
	var out, other ldData
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				visit(e, depth+1)
			}
		case map[string]any:
			if g, ok := v["@graph"]; ok {
				visit(g, depth+1)
			}
			d := ldData{
				headline:    ldString(v["headline"]),
				author:      ldNames(v["author"]),
				published:   ldString(v["datePublished"]),
				lang:        ldString(v["inLanguage"]),
				body:        ldString(v["articleBody"]),
				publisher:   ldNames(v["publisher"]),
				description: ldString(v["description"]),
				url:         ldString(v["url"]),
			}
			if isArticleType(v["@type"]) {
				if len(d.body) > len(out.body) || out.headline == "" && out.body == "" {
					d.merge(out)
					out = d
				} else {
					out.merge(d)
				}
			} else {
				d.url, d.headline, d.description = "", "", ""
				other.merge(d)
			}
			for _, key := range []string{"mainEntity", "mainEntityOfPage", "hasPart"} {
				if e, ok := v[key].(map[string]any); ok {
					visit(e, depth+1)
				}
			}
		}
	}
	visit(v, 0)
	out.merge(other)
	return out
}

func isArticleType(t any) bool {
	switch t := t.(type) {
	case string:
		return rxArticleType.MatchString(t)
	case []any:
		for _, e := range t {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// merge fills the empty fields of d from o.
func (d *ldData) merge(o ldData) {
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&d.headline, o.headline)
	fill(&d.author, o.author)
	fill(&d.published, o.published)
	fill(&d.lang, o.lang)
	fill(&d.body, o.body)
	fill(&d.publisher, o.publisher)
	fill(&d.description, o.description)
	fill(&d.url, o.url)
}

func ldString(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case []any:
		if len(v) > 0 {
			return ldString(v[0])
		}
	case map[string]any:
		if s := ldString(v["@value"]); s != "" {
			return s
		}
		return ldString(v["name"])
	}
	return ""
}

// ldNames returns the names of people or organisations, comma separated.
func ldNames(v any) string {
	switch v := v.(type) {
	case string:
		return notURL(strings.TrimSpace(v))
	case map[string]any:
		return ldString(v["name"])
	case []any:
		var names []string
		for _, e := range v {
			if n := ldNames(e); n != "" && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// firstNonEmpty returns the first of s that is not blank, whitespace
// collapsed; character references left escaped twice by the page are read.
func firstNonEmpty(s ...string) string {
	for _, e := range s {
		if strings.Contains(e, "&") && strings.Contains(e, ";") {
			e = html.UnescapeString(e)
		}
		if e = collapse(e); e != "" {
			return e
		}
	}
	return ""
}

func notURL(s string) string {
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "//") {
		return ""
	}
	return s
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}

// LangTag returns the primary subtag of a language tag or locale ("fr" for
// "fr-FR" or "fr_CA", "en" for "en-US,fr"), lower case, or "" when s is not
// one.
func LangTag(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",;"); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	if len(s) < 2 || len(s) > 3 {
		return ""
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return ""
		}
	}
	return strings.ToLower(s)
}

var dateLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05Z07",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
	"Mon Jan 02 2006 15:04:05 GMT-0700",
	"January 2, 2006 15:04",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"02 Jan 2006",
}

// parseDate reads the machine-readable dates that pages put in their
// metadata. Human-readable dates in the local language are not attempted.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 9 {
		if len(s) == 13 {
			n /= 1000
		}
		t := time.Unix(n, 0).UTC()
		return t, plausibleYear(t)
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil && plausibleYear(t) {
			return t, true
		}
	}
	return time.Time{}, false
}

func plausibleYear(t time.Time) bool {
	return t.Year() >= 1900 && t.Year() <= 2200
}

var rxTitleSep = regexp.MustCompile(`[\s\x{00A0}]+[|\-–—·•:»/]+[\s\x{00A0}]+`)

// cleanTitle drops the name of the site that pages append to, or put before,
// their titles ("Le titre - Le Monde", "El País | El titular").
func cleanTitle(title string, sites ...string) string {
	locs := rxTitleSep.FindAllStringIndex(title, -1)
	if len(locs) == 0 {
		return title
	}
	for _, site := range sites {
		if site == "" {
			continue
		}
		for _, sep := range []string{" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " : "} {
			if t, ok := strings.CutSuffix(title, sep+site); ok && len(t) >= 15 {
				return t
			}
			if t, ok := strings.CutPrefix(title, site+sep); ok && len(t) >= 15 {
				return t
			}
		}
	}
	var keys []string
	for _, site := range sites {
		if k := alnumKey(site); len(k) >= 3 {
			keys = append(keys, k)
		}
	}
	looksLikeSite := func(part string) bool {
		p := alnumKey(part)
		if len(p) < 3 {
			return false
		}
		for _, k := range keys {
			if p == k || len(k) >= 4 && strings.Contains(p, k) || len(p) >= 4 && strings.Contains(k, p) {
				return true
			}
		}
		return rxDomain.MatchString(strings.ToLower(strings.TrimSpace(part)))
	}
	last := locs[len(locs)-1]
	if head := title[:last[0]]; len(alnumKey(head)) >= 4 && looksLikeSite(title[last[1]:]) {
		return head
	}
	first := locs[0]
	if tail := title[first[1]:]; len(alnumKey(tail)) >= 4 && looksLikeSite(title[:first[0]]) {
		return tail
	}
	return title
}

// alnumKey lower-cases s and keeps only its letters and digits, to compare
// site names ("ARTE Radio", "arteradio").
func alnumKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hostLabel returns the name of a site from its address: "arteradio" for
// https://www.arteradio.com/son/1.
func hostLabel(addr string) string {
	u, err := url.Parse(addr)
	if err != nil {
		return ""
	}
	for _, l := range strings.Split(u.Hostname(), ".") {
		switch l {
		case "www", "m", "amp", "mobile", "":
			continue
		}
		return l
	}
	return ""
}

var rxDomain = regexp.MustCompile(`^[\w-]+(\.[\w-]+)*\.[a-z]{2,6}$`)

var rxByPrefix = regexp.MustCompile(`(?i)^(by|par|por)\s*:?\s+`)

// cleanAuthor drops "By" before a name, and what is not a name: a count,
// a date, an address, a placeholder.
func cleanAuthor(s string) string {
	s = strings.TrimSpace(rxByPrefix.ReplaceAllString(s, ""))
	if len(s) > 100 || strings.ContainsAny(s, "0123456789@/") || strings.EqualFold(s, "no author") {
		return ""
	}
	return s
}

// resolve makes ref absolute against base when it can.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil && base.IsAbs() {
		return base.ResolveReference(u).String()
	}
	if u.Scheme == "" && strings.HasPrefix(ref, "//") {
		u.Scheme = "https"
	}
	return u.String()
}
