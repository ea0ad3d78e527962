package handlers

import (
	"strings"
	"time"
	"unicode"

	"github.com/gofiber/fiber/v2"
)

// accountLocation is the time zone the learner chose in their settings
// (Asia/Karachi until they choose): every time a page shows is in it.
func (a *App) accountLocation(c *fiber.Ctx) (*time.Location, error) {
	l, _ := learner(c)
	rs, err := a.Store.ReviewSettings(c.UserContext(), l.ID)
	if err != nil {
		return nil, err
	}
	return rs.Location(), nil
}

// stamp shows an instant as "7 Dec 2026 09:15 PKT" in loc, named so that
// a learner in another zone, or a teacher reading a class, knows whose
// clock it is. Zones without a lettered abbreviation (Asia/Dubai is
// "+04") show their name instead: "7 Dec 2026 09:15 Asia/Dubai".
func stamp(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return t.Format("2 Jan 2006 15:04") + " " + zoneName(t)
}

// clock is a time of day in loc, with the zone's name: "09:15 PKT".
func clock(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return t.Format("15:04") + " " + zoneName(t)
}

func zoneName(t time.Time) string {
	abbr, _ := t.Zone()
	if abbr != "" && strings.IndexFunc(abbr, func(r rune) bool { return !unicode.IsLetter(r) }) < 0 {
		return abbr
	}
	return t.Location().String()
}
