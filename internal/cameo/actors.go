package cameo

// AgentType is a CAMEO actor type code: the sector part of an actor code.
type AgentType struct {
	Code string
	Name string
	// Role is "state" for the domestic state roles (GOV, MIL, COP, JUD, SPY...),
	// "nonstate" for the other primary roles and "org" for organisation types.
	Role string
}

// AgentTypes lists the CAMEO actor type codes dyad uses (CAMEO 1.1b3, chapter 2, "Actor codes").
var AgentTypes = []AgentType{
	{"GOV", "government", "state"},
	{"MIL", "military", "state"},
	{"COP", "police", "state"},
	{"JUD", "judiciary", "state"},
	{"LEG", "legislature", "state"},
	{"SPY", "intelligence services", "state"},
	{"OPP", "political opposition", "nonstate"},
	{"PTY", "political party", "nonstate"},
	{"REB", "rebels", "nonstate"},
	{"INS", "insurgents", "nonstate"},
	{"SEP", "separatists", "nonstate"},
	{"UAF", "unidentified armed forces", "nonstate"},
	{"CRM", "criminals", "nonstate"},
	{"CVL", "civilians", "nonstate"},
	{"LAB", "labour", "nonstate"},
	{"BUS", "business", "nonstate"},
	{"MED", "media", "nonstate"},
	{"EDU", "education", "nonstate"},
	{"REL", "religion", "nonstate"},
	{"REF", "refugees", "nonstate"},
	{"HLH", "health", "nonstate"},
	{"AGR", "agriculture", "nonstate"},
	{"ELI", "elites", "nonstate"},
	{"HRI", "human rights", "nonstate"},
	{"ENV", "environment", "nonstate"},
	{"DEV", "development", "nonstate"},
	{"MOD", "moderate", "nonstate"},
	{"RAD", "radical", "nonstate"},
	{"IGO", "intergovernmental organisation", "org"},
	{"NGO", "non-governmental organisation", "org"},
	{"IMG", "international militarized group", "org"},
	{"MNC", "multinational corporation", "org"},
}

var agentIndex = func() map[string]int {
	m := make(map[string]int, len(AgentTypes))
	for i, a := range AgentTypes {
		m[a.Code] = i
	}
	return m
}()

// IsAgent reports whether code is a CAMEO actor type code.
func IsAgent(code string) bool { _, ok := agentIndex[code]; return ok }

// AgentName names an actor type code, "" if unknown.
func AgentName(code string) string {
	if i, ok := agentIndex[code]; ok {
		return AgentTypes[i].Name
	}
	return ""
}
