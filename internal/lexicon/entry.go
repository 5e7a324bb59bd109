package lexicon

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/dyad-events/dyad/internal/cameo"
)

// Kind says how an actor phrase behaves in a sentence (docs/LEXICON.md).
type Kind uint8

// Entry kinds.
const (
	KindCountry Kind = iota + 1
	KindDemonym
	KindPrefix
	KindCapital
	KindSeat
	KindOrg
	KindGroup
	KindAgent
	KindTitle
	KindPortfolio
	KindPerson
	KindPlace
)

// kindText names the kinds by value; kindNames is its inverse for parsing
// (the place kind is the gazetteer's, never written in a file).
var kindText = [...]string{KindCountry: "country", KindDemonym: "demonym", KindPrefix: "prefix", KindCapital: "capital",
	KindSeat: "seat", KindOrg: "org", KindGroup: "group", KindAgent: "agent", KindTitle: "title",
	KindPortfolio: "portfolio", KindPerson: "person", KindPlace: "place"}

var kindNames = func() map[string]Kind {
	m := map[string]Kind{}
	for k, n := range kindText {
		if n != "" && Kind(k) != KindPlace {
			m[n] = Kind(k)
		}
	}
	return m
}()

func (k Kind) String() string {
	if int(k) < len(kindText) && kindText[k] != "" {
		return kindText[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Entry is one phrase of the actor lexicon.
type Entry struct {
	Code    string // full CAMEO actor code: RUSGOV, CUB, GOV, IGOUNO
	Country string // country-level part: RUS, IGO; "" for an agent alone
	Agent   string // agent part: GOV, MIL; "" for a country alone
	Kind    Kind
	From    int32 // yyyymmdd the role began, 0 if open
	Until   int32 // yyyymmdd the role ended, 0 if open
	Phrase  string
	// Caps: the phrase is written in capitals (US, ONU) and only matches capitals.
	Caps bool
	// Proper: the phrase starts with a capital (Cuba, Wang Xiaohong) and
	// only matches text that starts with one.
	Proper bool
	Source string // file:line
	Note   string // the line's comment
	Place  int32  // index in Lexicon.Places for places, else -1
}

// Current reports whether the entry's role holds on date (yyyymmdd). With no
// date (0) every role holds, and the coder prefers the latest.
func (e *Entry) Current(date int32) bool {
	if date == 0 {
		return true
	}
	return (e.From == 0 || e.From <= date) && (e.Until == 0 || date <= e.Until)
}

// SplitCode splits a CAMEO actor code into its country-level part and its agent part.
func SplitCode(code string) (country, agent string) {
	if len(code) < 3 {
		return "", code
	}
	head := code[:3]
	if cameo.IsAgent(head) && head != "IGO" && head != "NGO" && head != "IMG" && head != "MNC" {
		return "", code
	}
	rest := code[3:]
	if head == "IGO" || head == "NGO" || head == "IMG" || head == "MNC" {
		// IGOUNO: the body is part of the country-level identity; a trailing agent is not split
		return code, ""
	}
	return head, rest
}

// parseEntry parses "CODE KIND [FROM..UNTIL] phrase | phrase # comment".
func parseEntry(line string) (code string, kind Kind, from, until int32, phrases []string, note string, err error) {
	if i := strings.Index(line, "#"); i >= 0 {
		note = strings.TrimSpace(line[i+1:])
		line = line[:i]
	}
	f := strings.Fields(line)
	if len(f) < 3 {
		return "", 0, 0, 0, nil, "", fmt.Errorf("want CODE KIND phrase, got %q", strings.TrimSpace(line))
	}
	code = f[0]
	for i, r := range code {
		if !(r >= 'A' && r <= 'Z') && !(i >= 3 && r >= '0' && r <= '9') {
			return "", 0, 0, 0, nil, "", fmt.Errorf("code %q is not upper-case letters", code)
		}
	}
	if len(code) < 3 {
		return "", 0, 0, 0, nil, "", fmt.Errorf("code %q is shorter than 3 letters", code)
	}
	var ok bool
	if kind, ok = kindNames[f[1]]; !ok {
		return "", 0, 0, 0, nil, "", fmt.Errorf("unknown kind %q", f[1])
	}
	rest := strings.SplitN(strings.TrimSpace(line), f[1], 2)[1]
	rest = strings.TrimSpace(rest)
	if first := strings.Fields(rest)[0]; strings.Contains(first, "..") {
		from, until, err = parseRange(first)
		if err != nil {
			return "", 0, 0, 0, nil, "", err
		}
		rest = strings.TrimSpace(rest[len(first):])
	}
	for _, p := range strings.Split(rest, "|") {
		p = strings.Join(strings.Fields(p), " ")
		if p != "" {
			phrases = append(phrases, p)
		}
	}
	if len(phrases) == 0 {
		return "", 0, 0, 0, nil, "", fmt.Errorf("no phrase")
	}
	return code, kind, from, until, phrases, note, nil
}

func parseRange(s string) (from, until int32, err error) {
	a, b, _ := strings.Cut(s, "..")
	if from, err = parseDate(a, false); err != nil {
		return 0, 0, err
	}
	if until, err = parseDate(b, true); err != nil {
		return 0, 0, err
	}
	if from != 0 && until != 0 && until < from {
		return 0, 0, fmt.Errorf("date range %s ends before it starts", s)
	}
	return from, until, nil
}

// parseDate reads YYYY, YYYY-MM or YYYY-MM-DD as yyyymmdd; a partial date
// is the first day of its period, or the last when end is set.
func parseDate(s string, end bool) (int32, error) {
	if s == "" {
		return 0, nil
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return 0, fmt.Errorf("bad date %q (want YYYY, YYYY-MM or YYYY-MM-DD)", s)
	}
	v := [3]int{0, 1, 1}
	if end {
		v = [3]int{0, 12, 31}
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return 0, fmt.Errorf("bad date %q", s)
		}
		v[i] = n
	}
	if len(parts) == 2 && end {
		v[2] = 31
	}
	if v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[0] < 1000 {
		return 0, fmt.Errorf("bad date %q", s)
	}
	return int32(v[0]*10000 + v[1]*100 + v[2]), nil
}

// DateInt turns a yyyy-mm-dd string into yyyymmdd, 0 if empty or bad.
func DateInt(s string) int32 {
	d, err := parseDate(s, false)
	if err != nil {
		return 0
	}
	return d
}

func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters >= 2
}

func startsUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	return false
}
