package mentions

import (
	"reflect"
	"strings"
	"testing"

	"sabaq/questions"
)

func timeline(t *testing.T) *questions.Timeline {
	t.Helper()
	tl, err := questions.Load()
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

func ids(ms []Mention) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.EventID)
	}
	return out
}

func TestFind_Rules(t *testing.T) {
	m := New(timeline(t))
	tests := []struct {
		name string
		text string
		want []string
	}{
		// By name: title or alias, any case, one edit in long words.
		{"alias", "The Tashkent agreement ended the fighting.", []string{"tashkent-declaration"}},
		{"title in lower case", "the tashkent declaration was signed.", []string{"tashkent-declaration"}},
		{"misspelled long word", "They met at Tashkant.", []string{"tashkent-declaration"}},
		{"U2 without hyphen", "the u2 affair embarrassed Ayub", []string{"u2-incident"}},
		{"spy plane affair", "After the spy plane affair Pakistan was warned.", []string{"u2-incident"}},
		{"Geneva Accords", "The Geneva Accords were signed.", []string{"soviet-withdrawal-from-afghanistan"}},
		{"near miss under six letters", "After the fall of Dhoka the army came home.", nil},
		{"two edits in a long word", "They met at Taskhant.", nil},

		// By an actor with the event's date, in one sentence.
		{"minor actor with year", "Gorbachev brought the troops home in February 1989.", []string{"soviet-withdrawal-from-afghanistan"}},
		{"actor in events of neighbouring years", "Shastri died in 1966 soon after signing.", nil},
		{"student spelling with year", "Stalin's invitation of 1949 was refused.", []string{"stalin-invites-liaquat"}},
		{"organisation with year", "SEATO, which Pakistan entered in 1954, angered Moscow.", []string{"pakistan-joins-seato"}},
		{"actor alone", "Shastri was India's prime minister.", nil},
		{"year alone", "1966 was an important year.", nil},
		{"actor and year in different sentences", "Shastri was a modest man. In 1966 many things happened.", nil},
		{"busy actor with year", "Ayub Khan was in charge in 1961.", nil},
		{"actor with the wrong month", "Gorbachev was busy in March 1989.", nil},

		// By a key term with the date.
		{"key term with year", "In 1979 the Russians invaded the country next door, Afghanistan.", []string{"soviet-invasion-of-afghanistan"}},
		{"short year after in", "the war with india in 65 was short", []string{"indo-pakistani-war-1965"}},
		{"year range", "The steel deal of 1970-71 was the biggest.", []string{"steel-mill-credit-agreement"}},
		{"month and short year", "The steel credit came in jan 71.", []string{"steel-mill-credit-agreement"}},
		{"key term without the year", "The steel mill was built with Soviet help.", nil},
		{"dateless clue in order", "Then the Soviets invaded Afghanistan.", []string{"soviet-invasion-of-afghanistan"}},
		{"a Soviet veto of another year", "The Russians vetoed a resolution on Kashmir in 1962.", nil},
		{"another war in the event's year", "In 1965 the Cold War was at its height.", nil},
		{"another country's invasion", "The USA invaded Afghanistan in 2001.", nil},
		{"key term with another year", "The Russians invaded Hungary in 1956 and Afghanistan was calm.", nil},
		{"generic takeover with a list of years", "In 1958, 1969 and 1999 the army took over.", []string{"ayub-khan-takes-power", "yahya-khan-takes-power", "musharraf-takes-power"}},
		{"a coup in a year without one", "There was nearly a coup in 1962.", nil},
		{"the Soviet army, not troops", "the soviet army entered afghanistan in dec 1979", []string{"soviet-invasion-of-afghanistan"}},
		{"another army entering Afghanistan", "The US army entered Afghanistan in 2001.", nil},
		{"weapons to the mujahidin", "america sent weapons through pakistan to the mujahidin", []string{"pakistan-backs-afghan-resistance"}},
		{"fighting the mujahideen is not backing them", "The Soviet army fought the mujahideen.", nil},
		{"gave up support for the Taliban", "Pakistan gave up its support for the Taliban.", []string{"pakistan-joins-war-on-terror"}},
		{"the Taliban gave up", "In 2001 the Taliban gave up Kabul.", nil},
		{"bilateralism after Ayub", "Ayub Khan adopted bilateralism.", []string{"ayub-policy-of-bilateralism"}},

		// The Soviet Union is the Russians before 1992, Russia after.
		{"the Russians for the USSR", "In 1968 the Russians agreed to sell arms to Pakistan.", []string{"first-soviet-arms-deal"}},
		{"Soviet is no name for Russia after 1991", "In 2010 the Soviets ruled out military ties.", nil},
		{"Russia after 1991", "In 2010 Russia ruled out military ties with Pakistan.", []string{"putin-rules-out-military-ties"}},

		// Padding.
		{"names without events", "Ayub Khan, Bhutto, Zia and Khrushchev were great leaders of their countries.", nil},
		{"years without events", "1954, 1965 and 1971 were turning points.", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(m.Find(tt.text))
			want := tt.want
			if want == nil {
				want = []string{}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Find(%q) = %v, want %v", tt.text, got, want)
			}
		})
	}
}

func TestFind_PhrasesAreTheTextsOwnWords(t *testing.T) {
	m := New(timeline(t))
	got := m.Find("After the war they met at TASHKENT in January 1966. In Dec. 1973 bhutto laid the foundation stone of the steel mill.")
	want := []Mention{{
		EventID: "tashkent-declaration",
		Title:   "Tashkent Declaration",
		Phrases: []string{"TASHKENT", "January 1966"},
	}, {
		EventID: "steel-mill-foundation-stone",
		Title:   "Foundation stone of Pakistan Steel Mills laid",
		Phrases: []string{"Dec. 1973", "foundation stone of the steel mill"},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestFind_TimelineOrderAndDeterministic(t *testing.T) {
	m := New(timeline(t))
	text := "The Afghan war began in 1979. Earlier, the Tashkent talks of 1966 and the U-2 affair of 1960 mattered."
	first := m.Find(text)
	if got, want := ids(first), []string{"u2-incident", "tashkent-declaration", "soviet-invasion-of-afghanistan"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v in timeline order", got, want)
	}
	for range 20 {
		if again := m.Find(text); !reflect.DeepEqual(again, first) {
			t.Fatalf("Find gave %+v, then %+v", first, again)
		}
	}
}

func TestOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"khrushchev", "khruschev", true}, // deletion
		{"tashkent", "tashkant", true},    // substitution
		{"gromyko", "gromkyo", true},      // swap
		{"tashkent", "tashkent", false},   // no edit
		{"tashkent", "taskhant", false},   // two
		{"kosygin", "kosyginnn", false},
	}
	for _, tt := range tests {
		if got := oneEdit([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"the u2 affair of 1960", "Tashkent, January 1966.", "in 65 and 1965-66", "Z. A. Bhutto. U.S.S.R. Dec. 1973",
		"'71 war", "ayub khan went to moscow", "", "1965-", "jan", "’65", "\xff\xfe",
	} {
		f.Add(s)
	}
	m := New(timelineF(f))
	f.Fuzz(func(t *testing.T, text string) {
		got := m.Find(text)
		for _, mn := range got {
			if len(mn.Phrases) == 0 {
				t.Errorf("%s credited with no phrase", mn.EventID)
			}
			for _, p := range mn.Phrases {
				if !strings.Contains(text, p) {
					t.Errorf("phrase %q is not in the text", p)
				}
			}
		}
		if again := m.Find(text); !reflect.DeepEqual(again, got) {
			t.Errorf("Find is not deterministic: %v then %v", got, again)
		}
	})
}

func timelineF(f *testing.F) *questions.Timeline {
	tl, err := questions.Load()
	if err != nil {
		f.Fatal(err)
	}
	return tl
}
