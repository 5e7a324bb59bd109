package store

import (
	"crypto/sha1"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/dyad-events/dyad/internal/model"
)

// EventKey returns the id of the event a mention belongs to, and the date
// bucket it falls in. Mentions are one event when they have the same source
// and target codes, the same three-digit CAMEO base code, the same location
// country (or none), and dates in the same bucket: a fixed window of
// WindowDays days for day- and week-precise dates, the month or the year for
// coarser ones, one bucket for unknown dates.
func EventKey(m *model.Event, opt MergeOptions) (id, bucket string) {
	bucket = DateBucket(m.Date, m.DatePrecision, opt)
	base := m.Code
	if len(base) > 3 {
		base = base[:3]
	}
	tgt := ""
	if m.Target != nil {
		tgt = m.Target.Code
	}
	loc := ""
	if m.Location != nil {
		loc = m.Location.Country
	}
	h := sha1.New()
	for _, s := range []string{m.Source.Code, tgt, base, bucket, loc} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16], bucket
}

// DateBucket is the merge window of a date.
func DateBucket(date, precision string, opt MergeOptions) string {
	if date == "" {
		return "u"
	}
	switch precision {
	case model.PrecisionYear:
		if len(date) >= 4 {
			return "y" + date[:4]
		}
	case model.PrecisionMonth:
		if len(date) >= 7 {
			return "m" + date[:7]
		}
	}
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return "u"
	}
	w := opt.WindowDays
	if w < 1 {
		w = 1
	}
	days := t.Unix() / 86400
	return "d" + strconv.FormatInt(days/int64(w), 10)
}
