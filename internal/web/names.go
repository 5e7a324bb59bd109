package web

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/dyad-events/dyad/internal/cameo"
)

// cameoRegions names the CAMEO country-level codes that are not ISO 3166-1
// countries: regions, Kosovo, and the bodies' prefixes.
var cameoRegions = map[string]string{
	"AFR": "Africa", "ASA": "Asia", "BLK": "Balkans", "CAS": "Central Asia", "CAU": "Caucasus",
	"CEU": "Central Europe", "CFR": "Central Africa", "CRB": "Caribbean", "EAF": "East Africa",
	"EEU": "Eastern Europe", "EUR": "Europe", "LAM": "Latin America", "MDT": "Mediterranean",
	"MEA": "Middle East", "NAF": "North Africa", "NMR": "North America", "PGS": "Persian Gulf",
	"SAF": "Southern Africa", "SAM": "South America", "SAS": "South Asia", "SCN": "Scandinavia",
	"SEA": "Southeast Asia", "WAF": "West Africa", "WEU": "Western Europe", "WST": "the West",
	"KSV": "Kosovo", "PSE": "Palestine", "IGO": "international body", "NGO": "NGO",
	"IMG": "armed group", "MNC": "company",
}

// countryName names a country-level code (RUS → Russia), "" if unknown.
func countryName(code string) string {
	code = strings.ToUpper(code)
	if n, ok := cameoRegions[code]; ok {
		return n
	}
	if len(code) != 3 {
		return ""
	}
	r, err := language.ParseRegion(code)
	if err != nil {
		return ""
	}
	return display.English.Regions().Name(r)
}

// actorName describes a CAMEO actor code in words: RUSGOV → "Russia
// government", CUB → "Cuba", REB → "rebels". Unknown parts are left out; ""
// when nothing is known.
func actorName(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" {
		return ""
	}
	var parts []string
	rest := code
	if len(code) >= 3 && (!cameo.IsAgent(code[:3]) || cameoRegions[code[:3]] != "") {
		if n := countryName(code[:3]); n != "" {
			parts = append(parts, n)
		}
		rest = code[3:]
	}
	for len(rest) >= 3 {
		if n := cameo.AgentName(rest[:3]); n != "" {
			parts = append(parts, n)
		}
		rest = rest[3:]
	}
	return strings.Join(parts, " · ")
}
