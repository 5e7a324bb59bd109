package lexicon

// Vocab interns folded words as small integers, so that a sentence's words
// are looked up once and every trie walk after that compares integers.
type Vocab struct {
	ids map[string]int32
}

// NoWord is the id of a word the vocabulary does not know.
const NoWord int32 = -1

func newVocab() *Vocab { return &Vocab{ids: make(map[string]int32, 1<<16)} }

// ID returns the id of a folded word, or NoWord.
func (v *Vocab) ID(w string) int32 {
	if id, ok := v.ids[w]; ok {
		return id
	}
	return NoWord
}

func (v *Vocab) add(w string) int32 {
	if id, ok := v.ids[w]; ok {
		return id
	}
	id := int32(len(v.ids))
	v.ids[w] = id
	return id
}

// Len is the number of words.
func (v *Vocab) Len() int { return len(v.ids) }

// Trie maps sequences of word ids to entries, for longest-match lookup.
type Trie struct {
	next  map[uint64]int32 // (node, word) -> child node
	terms map[int32][]int32
	nodes int32
	// first[w] tells whether word w starts a phrase, and term[n] whether
	// node n ends one: most words of a sentence start nothing, and these
	// spare the map lookups.
	first []bool
	term  []bool
}

func newTrie() *Trie { return &Trie{next: map[uint64]int32{}, terms: map[int32][]int32{}, nodes: 1} }

func key(node, word int32) uint64 { return uint64(uint32(node))<<32 | uint64(uint32(word)) }

func (t *Trie) insert(words []int32, entry int32) {
	if len(words) > 0 && words[0] >= 0 {
		for int(words[0]) >= len(t.first) {
			t.first = append(t.first, false)
		}
		t.first[words[0]] = true
	}
	node := int32(0)
	for _, w := range words {
		k := key(node, w)
		child, ok := t.next[k]
		if !ok {
			child = t.nodes
			t.nodes++
			t.next[k] = child
		}
		node = child
	}
	for _, e := range t.terms[node] {
		if e == entry {
			return
		}
	}
	t.terms[node] = append(t.terms[node], entry)
	for int(node) >= len(t.term) {
		t.term = append(t.term, false)
	}
	t.term[node] = true
}

// Walk calls fn for every phrase of the trie that starts at ids[i], shortest
// first, with the end (exclusive) and the entries of the phrase. fn returns
// false to stop.
func (t *Trie) Walk(ids []int32, i int, fn func(end int, entries []int32) bool) {
	if i >= len(ids) || ids[i] < 0 || int(ids[i]) >= len(t.first) || !t.first[ids[i]] {
		return
	}
	node := int32(0)
	for j := i; j < len(ids); j++ {
		if ids[j] == NoWord {
			return
		}
		child, ok := t.next[key(node, ids[j])]
		if !ok {
			return
		}
		node = child
		if int(node) >= len(t.term) || !t.term[node] {
			continue
		}
		if es, ok := t.terms[node]; ok {
			if !fn(j+1, es) {
				return
			}
		}
	}
}

// Size is the number of nodes of the trie.
func (t *Trie) Size() int { return int(t.nodes) }
