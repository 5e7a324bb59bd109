package lexicon

import "github.com/dyad-events/dyad/internal/cameo"

func testOntology() *cameo.Ontology { return cameo.Default() }
