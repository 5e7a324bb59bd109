// Package cameo holds the CAMEO ontology as data: every CAMEO 1.1b3 event code
// with its name, Goldstein value, GDELT quad class and PLOVER mapping, and the
// CAMEO actor type (agent) codes.
package cameo

import (
	"bufio"
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dyad-events/dyad/internal/model"
)

//go:generate go run ./gencameo -ref ../../../shared/ref -out data/eventcodes.tsv

//go:embed data/eventcodes.tsv
var eventCodesTSV string

// EventType is one CAMEO event code.
type EventType struct {
	Code        string
	Name        string
	Description string
	Goldstein   float64
	QuadClass   int // GDELT's: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
	Plover      model.Plover
}

// Root is the two-digit root of the code.
func (e EventType) Root() string { return e.Code[:2] }

// Ontology is the parsed table of event codes. It is immutable once built.
type Ontology struct {
	byCode map[string]*EventType
	codes  []string
}

var (
	defaultOnce sync.Once
	defaultOnt  *Ontology
)

// Default returns the embedded ontology. It is parsed once and never changes.
func Default() *Ontology {
	defaultOnce.Do(func() {
		o, err := Parse(eventCodesTSV)
		if err != nil {
			panic(fmt.Sprintf("cameo: embedded table: %v", err))
		}
		defaultOnt = o
	})
	return defaultOnt
}

// Parse reads a table in the format of data/eventcodes.tsv.
func Parse(tsv string) (*Ontology, error) {
	o := &Ontology{byCode: map[string]*EventType{}}
	sc := bufio.NewScanner(strings.NewReader(tsv))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 8 {
			return nil, fmt.Errorf("line %d: %d fields, want 8", n, len(f))
		}
		g, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, fmt.Errorf("line %d: goldstein: %w", n, err)
		}
		q, err := strconv.Atoi(f[2])
		if err != nil || q < 1 || q > 4 {
			return nil, fmt.Errorf("line %d: bad quad class %q", n, f[2])
		}
		e := &EventType{Code: f[0], Goldstein: g, QuadClass: q,
			Plover: model.Plover{Type: f[3], Mode: f[4], Context: f[5]}, Name: f[6], Description: f[7]}
		o.byCode[e.Code] = e
		o.codes = append(o.codes, e.Code)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	sort.Strings(o.codes)
	return o, nil
}

// Lookup returns the event type of a code, and false if the code is unknown.
func (o *Ontology) Lookup(code string) (*EventType, bool) {
	e, ok := o.byCode[code]
	return e, ok
}

// Codes returns every code, sorted.
func (o *Ontology) Codes() []string { return append([]string(nil), o.codes...) }

// Valid reports whether code is a CAMEO event code.
func (o *Ontology) Valid(code string) bool { _, ok := o.byCode[code]; return ok }

// RootName is the name of a two-digit root.
func (o *Ontology) RootName(root string) string {
	if e, ok := o.byCode[root]; ok {
		return e.Name
	}
	return ""
}

// QuadClassOfRoot gives GDELT's quad class for a root ("01".."20").
func QuadClassOfRoot(root string) int {
	r, _ := strconv.Atoi(root)
	switch {
	case r <= 0:
		return 0
	case r <= 5:
		return 1
	case r <= 8:
		return 2
	case r <= 13:
		return 3
	}
	return 4
}

// QuadClassNames names GDELT's four quad classes.
var QuadClassNames = [5]string{"", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}
