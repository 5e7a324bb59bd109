// Package simhash fingerprints texts so that near-duplicates (the same wire
// story with different boilerplate or small edits) have fingerprints a few
// bits apart.
package simhash

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"unicode"
)

// Fingerprint is a 64-bit simhash over word 3-shingles of the folded text.
func Fingerprint(s string) uint64 {
	var v [64]int
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 0 {
		return 0
	}
	add := func(sh string) {
		h := fnv.New64a()
		h.Write([]byte(sh))
		x := h.Sum64()
		for i := 0; i < 64; i++ {
			if x&(1<<uint(i)) != 0 {
				v[i]++
			} else {
				v[i]--
			}
		}
	}
	if len(words) < 3 {
		add(strings.Join(words, " "))
	}
	for i := 0; i+3 <= len(words); i++ {
		add(words[i] + " " + words[i+1] + " " + words[i+2])
	}
	var fp uint64
	for i := 0; i < 64; i++ {
		if v[i] > 0 {
			fp |= 1 << uint(i)
		}
	}
	return fp
}

// Distance is the number of bits in which two fingerprints differ.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// Bands splits a fingerprint into four 16-bit bands: two fingerprints
// within 3 bits of each other share at least one band exactly, so a store
// can find near-duplicate candidates with four indexed lookups.
func Bands(fp uint64) [4]int64 {
	return [4]int64{int64(fp & 0xffff), int64(fp >> 16 & 0xffff), int64(fp >> 32 & 0xffff), int64(fp >> 48 & 0xffff)}
}

// NearDuplicate is the largest distance at which two texts count as copies.
const NearDuplicate = 3
