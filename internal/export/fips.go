package export

import (
	_ "embed"
	"fmt"
	"strings"
)

// fipsTSV maps ISO alpha-3 country codes to FIPS 10-4; its header names the source.
//
//go:embed data/fips.tsv
var fipsTSV string

// country is one line of data/fips.tsv.
type country struct {
	ISO3, ISO2, FIPS, Name string
}

// countries is data/fips.tsv by ISO alpha-3 code. It is built once from the
// embedded file and never written after.
var countries = mustParseCountries(fipsTSV)

func mustParseCountries(tsv string) map[string]country {
	m, err := parseCountries(tsv)
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return m
}

func parseCountries(tsv string) (map[string]country, error) {
	m := map[string]country{}
	for n, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || len(f[0]) != 3 || len(f[1]) != 2 || (f[2] != "-" && len(f[2]) != 2) || f[3] == "" {
			return nil, fmt.Errorf("fips.tsv:%d: want ISO3, ISO2, FIPS (or -) and a name, tab-separated: %q", n+1, line)
		}
		if _, dup := m[f[0]]; dup {
			return nil, fmt.Errorf("fips.tsv:%d: %s listed twice", n+1, f[0])
		}
		c := country{ISO3: f[0], ISO2: f[1], FIPS: f[2], Name: f[3]}
		if c.FIPS == "-" {
			c.FIPS = ""
		}
		m[c.ISO3] = c
	}
	return m, nil
}

// FIPS returns the FIPS 10-4 code of a country given by its ISO 3166-1
// alpha-3 code (or CAMEO's KSV for Kosovo), "" when there is none.
func FIPS(iso3 string) string { return countries[iso3].FIPS }
