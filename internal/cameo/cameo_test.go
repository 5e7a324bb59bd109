package cameo

import (
	"bufio"
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/refdata"
)

func TestEmbeddedTable(t *testing.T) {
	o := Default()
	if n := len(o.Codes()); n < 317 {
		t.Fatalf("table has %d codes, want every CAMEO 1.1b3 code (317)", n)
	}
	for r := 1; r <= 20; r++ {
		root := strconv.Itoa(r)
		if r < 10 {
			root = "0" + root
		}
		e, ok := o.Lookup(root)
		if !ok {
			t.Errorf("root %s missing", root)
			continue
		}
		if e.QuadClass != QuadClassOfRoot(root) {
			t.Errorf("root %s quad %d, want %d", root, e.QuadClass, QuadClassOfRoot(root))
		}
	}
	cases := []struct {
		code      string
		goldstein float64
		quad      int
		plover    string
		mode      string
	}{
		{"036", 4.0, 1, "AGREE", ""},
		{"042", 1.9, 1, "CONSULT", "visit"},
		{"043", 2.8, 1, "CONSULT", "visit"},
		{"111", -2.0, 3, "ACCUSE", "disapprove"},
		{"112", -2.0, 3, "ACCUSE", "disapprove"},
		{"070", 7.0, 2, "AID", ""},
		{"190", -10, 4, "ASSAULT", ""},
		{"186", -10, 4, "ASSAULT", "targeted"},
		{"010", 0, 1, "", ""},
	}
	for _, c := range cases {
		e, ok := o.Lookup(c.code)
		if !ok {
			t.Errorf("%s missing", c.code)
			continue
		}
		if e.Goldstein != c.goldstein || e.QuadClass != c.quad || e.Plover.Type != c.plover || e.Plover.Mode != c.mode {
			t.Errorf("%s = %+v, want goldstein %v quad %d plover %s/%s", c.code, e, c.goldstein, c.quad, c.plover, c.mode)
		}
	}
	if _, ok := o.Lookup("999"); ok {
		t.Error("999 should be unknown")
	}
}

// TestTableMatchesReference checks the embedded table against the reference
// files it was generated from: every codebook code present, every Goldstein
// value equal to GDELT's.
func TestTableMatchesReference(t *testing.T) {
	o := Default()
	f, err := os.Open(refdata.Path(t, "ref", "cameo-eventtypes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		e, ok := o.Lookup(r[1])
		if !ok {
			t.Errorf("codebook code %s (%s) missing", r[1], r[0])
			continue
		}
		if e.Name != strings.TrimSpace(r[0]) {
			t.Errorf("%s name %q, codebook %q", r[1], e.Name, r[0])
		}
	}
	g, err := os.Open(refdata.Path(t, "ref", "CAMEO.goldsteinscale.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	sc := bufio.NewScanner(g)
	n := 0
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) != 2 || fs[0] == "CAMEOEVENTCODE" {
			continue
		}
		n++
		v, _ := strconv.ParseFloat(fs[1], 64)
		e, ok := o.Lookup(fs[0])
		if !ok || e.Goldstein != v {
			t.Errorf("%s goldstein: table %v, GDELT %v", fs[0], e, v)
		}
	}
	if n < 300 {
		t.Errorf("read only %d GDELT values", n)
	}
	p, err := os.ReadFile(refdata.Path(t, "ref", "CAMEO2PLOVER-2021.txt"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(string(p), "\n") {
		code, rest, ok := strings.Cut(strings.SplitN(line, "#", 2)[0], ":")
		if !ok || seen[code] {
			continue
		}
		seen[code] = true
		want := strings.TrimSpace(strings.SplitN(rest, ",", 2)[0])
		if e, ok := o.Lookup(strings.TrimSpace(code)); ok && e.Plover.Type != want {
			t.Errorf("%s PLOVER %q, table %q", code, e.Plover.Type, want)
		}
	}
}

func TestAgentTypes(t *testing.T) {
	for _, c := range []string{"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "CVL", "BUS", "MED", "EDU", "REL", "REF", "IGO", "NGO"} {
		if !IsAgent(c) || AgentName(c) == "" {
			t.Errorf("agent %s missing", c)
		}
	}
	if IsAgent("RUS") {
		t.Error("RUS is a country, not an agent")
	}
}
