package text

import (
	"regexp"
	"strings"
	"unicode"
)

// Dateline is a wire-service dateline at the head of a story:
// "BOGOTA, 11 jun (AFP) -", "WASHINGTON (Reuters) -", "PARÍS, 3 mars (AFP) —".
type Dateline struct {
	Place  string // as written, title-cased: "Bogota"
	Date   string // the date words, as written, if any: "11 jun"
	Agency string // "AFP", "Reuters", if any
	End    int    // byte offset of the first character after the dateline
}

var datelineRE = regexp.MustCompile(`^\s*((?:\p{Lu}[\p{Lu}\.'’]*[ \-]?){1,4})` + // PLACE in capitals
	`(?:\s*/\s*[\p{Lu}\p{Ll} ]{2,20})?` + // optional "/ country"
	`(?:,\s*([^\(\)\n\-–—]{1,24}?))?` + // , 11 jun
	`\s*(?:\(([A-Za-zÀ-ÿ\.\- ]{2,16})\))?` + // (AFP)
	`\s*[\-–—]{1,2}\s+`)

// FindDateline looks for a dateline at the start of s.
func FindDateline(s string) *Dateline {
	head := s
	if len(head) > 120 {
		head = head[:120]
	}
	m := datelineRE.FindStringSubmatchIndex(head)
	if m == nil {
		return nil
	}
	place := strings.TrimSpace(head[m[2]:m[3]])
	letters := 0
	for _, r := range place {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsLower(r) {
				return nil
			}
		}
	}
	if letters < 3 {
		return nil
	}
	d := &Dateline{Place: titleCase(place), End: m[1]}
	if m[4] >= 0 {
		d.Date = strings.TrimSpace(head[m[4]:m[5]])
	}
	if m[6] >= 0 {
		d.Agency = strings.TrimSpace(head[m[6]:m[7]])
	}
	// a dateline needs either an agency or a date: "UN PLAN - ..." headlines are not datelines
	if d.Agency == "" && d.Date == "" {
		return nil
	}
	return d
}

func titleCase(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = r == ' ' || r == '-' || r == '\''
	}
	return b.String()
}
