package views

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"sabaq/questions/richtext"
)

func toneLabel(tone string) string {
	switch tone {
	case "warming":
		return "Warming"
	case "cooling":
		return "Cooling"
	default:
		return "Neutral"
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func i64(n int64) string { return strconv.FormatInt(n, 10) }

func pct(n int) string { return strconv.Itoa(n) + "%" }

func joinComma(s []string) string { return strings.Join(s, ", ") }

func joinSemi(s []string) string { return strings.Join(s, "; ") }

func questionURL(session int64, position int) string {
	return "/practice/" + i64(session) + "/q/" + itoa(position+1)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

func gradeName(r int) string {
	switch r {
	case 1:
		return "Again"
	case 2:
		return "Hard"
	case 3:
		return "Good"
	default:
		return "Easy"
	}
}

// AnswerInput is what answerFields needs: the question's format and options,
// and the answer given so far (chosen options, the typed text, or the right
// item picked for each left one; for ordering, each option's place).
type AnswerInput struct {
	Format    string
	Options   []string
	Lefts     []string
	Given     []string
	Positions []int
	// Rich is the formatted HTML of options and lefts a teacher wrote in
	// HTML or markdown (labels only: values stay the plain text checked).
	Rich richtext.Texts
}

func (in AnswerInput) chose(o string) bool {
	for _, g := range in.Given {
		if g == o {
			return true
		}
	}
	return false
}

func (in AnswerInput) typed() string {
	if len(in.Given) == 0 {
		return ""
	}
	return in.Given[0]
}

// listFormat reports whether an answer in this format is shown as a list.
func listFormat(format string) bool {
	return format == "order" || format == "match" || format == "multi"
}

// percent writes a share of the mark as a percentage: 0.5 as "50%", 1/3 as "33%".
func percent(share float64) string { return strconv.Itoa(int(math.Round(share*100))) + "%" }

// partMarks reports whether a weight from the item form is a share of the
// mark between nothing and full marks.
func partMarks(weight string) bool {
	w, err := strconv.ParseFloat(weight, 64)
	return err == nil && w > 0 && w < 100
}

// withNext is path asking to come back to next afterwards (as the log-in
// and sign-up forms do); next is already checked to be a path on this
// server.
func withNext(path, next string) string {
	if next == "" {
		return path
	}
	return path + "?next=" + url.QueryEscape(next)
}
