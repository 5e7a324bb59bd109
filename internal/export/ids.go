package export

import (
	"hash/fnv"
	"strconv"
)

// GlobalEventID turns dyad's event id into the positive 64-bit integer
// GDELT's GLOBALEVENTID column holds. dyad's event ids are 16 hexadecimal
// digits (the first 64 bits of a SHA-1 of the event's merge key,
// store.EventKey); the integer is those 64 bits with the top bit cleared,
// so it fits a signed BIGINT/int64 and the same event always gets the same
// number, in every export and on every machine. An id that is not 16 hex
// digits is hashed with 64-bit FNV-1a instead, top bit cleared too.
//
// Two events share a number only if their ids agree in 63 bits: with a
// million events the chance of any such collision is about 5e-8. The
// numbers exceed 2^53, so JavaScript and other float64-only readers must
// read them as strings.
func GlobalEventID(id string) int64 {
	const mask = 1<<63 - 1
	if len(id) == 16 {
		if u, err := strconv.ParseUint(id, 16, 64); err == nil {
			return int64(u & mask)
		}
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	return int64(h.Sum64() & mask)
}
