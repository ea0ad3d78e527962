package fastgzip

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

func roundTrip(t testing.TB, src []byte) []byte {
	t.Helper()
	var e Encoder
	out := e.Append(nil, src)
	r, err := gzip.NewReader(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("does not decompress (%d bytes in): %v", len(src), err)
	}
	if !bytes.Equal(got, src) {
		t.Fatalf("decompressed %d bytes differ from the %d given", len(got), len(src))
	}
	return out
}

func TestAppend_RoundTrips(t *testing.T) {
	page := strings.Repeat(`<li class="card"><a href="/events/1965-war">The 1965 war</a> <span dir="auto">Tashkent</span></li>`+"\n", 40)
	r := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 70_000)
	for i := range random {
		random[i] = byte(r.IntN(256))
	}
	runs := bytes.Repeat([]byte{'a'}, 100_000) // the longest matches, distance 1
	tests := map[string][]byte{
		"empty":                {},
		"one byte":             {'x'},
		"shorter than a match": []byte("abc"),
		"html page":            []byte(page),
		"random bytes":         random,
		"long runs":            runs,
		"beyond the window":    append(append([]byte(page), random[:40_000]...), page...),
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			out := roundTrip(t, src)
			if name == "html page" && len(out) > len(src)/4 {
				t.Errorf("a repetitive page of %d bytes came out as %d", len(src), len(out))
			}
		})
	}
}

func TestAppend_EveryLengthAndDistance(t *testing.T) {
	// A match of each length at distances across every distance code.
	r := rand.New(rand.NewPCG(3, 4))
	for _, dist := range []int{1, 2, 3, 4, 5, 7, 8, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577, 32768} {
		for length := 4; length <= 258; length++ {
			src := make([]byte, dist+length+8)
			for i := range src[:dist] {
				src[i] = byte(r.IntN(256))
			}
			for i := dist; i < dist+length; i++ {
				src[i] = src[i-dist]
			}
			roundTrip(t, src)
		}
	}
}

func FuzzAppend(f *testing.F) {
	f.Add([]byte("<p>hello hello hello</p>"))
	f.Add(bytes.Repeat([]byte("ab"), 300))
	f.Fuzz(func(t *testing.T, src []byte) { roundTrip(t, src) })
}

func BenchmarkAppend(b *testing.B) {
	src := []byte(strings.Repeat(`<li class="card"><a href="/events/1965-war">The 1965 war</a> <span dir="auto">Tashkent</span></li>`+"\n", 25))
	var e Encoder
	var out []byte
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		out = e.Append(out[:0], src)
	}
}
