// Package fastgzip compresses small web pages into gzip fast: LZ77 with one
// hash probe per position and DEFLATE's fixed Huffman codes. General-purpose
// encoders build Huffman tables fitted to each input, which on a page of a
// few kilobytes costs more than the rest of serving it; fixed codes skip
// that for output some 10 to 25% larger. Any gzip decoder reads the result.
package fastgzip

import (
	"encoding/binary"
	"hash/crc32"
	"math/bits"
	"slices"
)

const (
	windowSize = 1 << 15 // DEFLATE's largest distance
	minMatch   = 4
	maxMatch   = 258
	hashBits   = 13
)

// Encoder compresses; its hash table is reused between calls. An Encoder
// is for one goroutine at a time.
type Encoder struct {
	// table holds, for each hash of 4 bytes, base+position+1 of where they
	// last occurred; entries not above base are from earlier inputs. Moving
	// base on after each input spares clearing the table every time.
	table [1 << hashBits]int32
	base  int32
}

// header is a gzip member header: no name, no time, unknown OS.
var header = [10]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// Append appends the gzip compression of src to dst.
func (e *Encoder) Append(dst, src []byte) []byte {
	dst = append(dst, header[:]...)
	// Room for the worst case, 9 bits a byte, so that writing never grows
	// the slice.
	dst = slices.Grow(dst, len(src)+len(src)/8+64)
	w := bitWriter{out: dst}
	w.bits(1, 1) // final block
	w.bits(1, 2) // fixed Huffman codes
	e.encode(&w, src)
	w.code(endOfBlock)
	w.flush()
	dst = w.out
	dst = binary.LittleEndian.AppendUint32(dst, crc32.ChecksumIEEE(src))
	return binary.LittleEndian.AppendUint32(dst, uint32(len(src)))
}

func hash4(u uint32) uint32 { return (u * 0x9E3779B1) >> (32 - hashBits) }

func (e *Encoder) encode(w *bitWriter, src []byte) {
	n := len(src)
	if int64(e.base)+int64(n)+1 >= 1<<31-1 {
		clear(e.table[:])
		e.base = 0
	}
	base := e.base
	defer func() { e.base = base + int32(n) + 1 }()
	i, lit := 0, 0 // lit: start of the literals not yet written
	for i+minMatch <= n {
		cur := binary.LittleEndian.Uint32(src[i:])
		h := hash4(cur)
		cand := int(e.table[h]-base) - 1
		e.table[h] = base + int32(i+1)
		if cand < 0 || i-cand > windowSize || binary.LittleEndian.Uint32(src[cand:]) != cur {
			i++
			continue
		}
		length := minMatch
		for limit := min(maxMatch, n-i); length < limit && src[cand+length] == src[i+length]; length++ {
		}
		w.literals(src[lit:i])
		w.match(length, i-cand)
		// Index a few positions inside the match so that later text can
		// refer back into it, without paying for every byte.
		end := i + length
		for j := i + 1; j < end && j+minMatch <= n; j += 3 {
			e.table[hash4(binary.LittleEndian.Uint32(src[j:]))] = base + int32(j+1)
		}
		i, lit = end, end
	}
	w.literals(src[lit:])
}

func (w *bitWriter) literals(lits []byte) {
	for len(lits) >= 2 {
		// Two codes of at most 9 bits in one write.
		a, b := litCodes[lits[0]], litCodes[lits[1]]
		w.bits(uint64(a.code)|uint64(b.code)<<a.len, uint(a.len+b.len))
		lits = lits[2:]
	}
	if len(lits) == 1 {
		w.code(uint16(lits[0]))
	}
}

// bitWriter writes DEFLATE's bit stream: values least significant bit
// first, Huffman codes (pre-reversed in the tables) likewise.
type bitWriter struct {
	out   []byte
	acc   uint64
	nbits uint
}

func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= v << w.nbits
	w.nbits += n
	// At most 18 bits come at once: flushing from 40 keeps acc below 64.
	if w.nbits >= 40 {
		// Five bytes at once; Append left the room, so this never copies.
		w.out = binary.LittleEndian.AppendUint64(w.out, w.acc)[:len(w.out)+5]
		w.acc >>= 40
		w.nbits -= 40
	}
}

func (w *bitWriter) code(sym uint16) {
	c := litCodes[sym]
	w.bits(uint64(c.code), uint(c.len))
}

func (w *bitWriter) match(length, dist int) {
	l := lengthCodes[length]
	w.bits(uint64(litCodes[l.sym].code), uint(litCodes[l.sym].len))
	if l.extraBits > 0 {
		w.bits(uint64(length-int(l.base)), uint(l.extraBits))
	}
	d := distCode(dist)
	w.bits(uint64(distCodes[d].code), 5)
	if eb := distExtra[d]; eb > 0 {
		w.bits(uint64(dist-int(distBase[d])), uint(eb))
	}
}

func (w *bitWriter) flush() {
	for w.nbits > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nbits = uint(max(int(w.nbits)-8, 0))
	}
}

const endOfBlock = 256

type huffCode struct {
	code uint16 // bit-reversed, ready to write least significant bit first
	len  uint8
}

type lengthCode struct {
	sym       uint16
	base      uint16
	extraBits uint8
}

var (
	litCodes    [288]huffCode
	distCodes   [30]huffCode
	lengthCodes [maxMatch + 1]lengthCode
	distBase    [30]uint16
	distExtra   [30]uint8
)

func reverse(code uint16, n uint8) uint16 { return bits.Reverse16(code) >> (16 - n) }

func init() {
	// RFC 1951, 3.2.6: the fixed literal/length code.
	for v := range 288 {
		var code uint16
		var n uint8
		switch {
		case v < 144:
			code, n = uint16(0x30+v), 8
		case v < 256:
			code, n = uint16(0x190+v-144), 9
		case v < 280:
			code, n = uint16(v-256), 7
		default:
			code, n = uint16(0xc0+v-280), 8
		}
		litCodes[v] = huffCode{reverse(code, n), n}
	}
	for d := range 30 {
		distCodes[d] = huffCode{reverse(uint16(d), 5), 5}
	}
	// RFC 1951, 3.2.5: lengths 3 to 258 as codes 257 to 285, each code
	// covering 2^extra lengths from its base.
	l := 3
	for code := range 28 {
		extra := uint8(0)
		if code >= 8 {
			extra = uint8(code/4 - 1)
		}
		base := uint16(l)
		for range 1 << extra {
			if l <= maxMatch {
				lengthCodes[l] = lengthCode{sym: uint16(257 + code), base: base, extraBits: extra}
			}
			l++
		}
	}
	// 258 has a code of its own, without extra bits.
	lengthCodes[maxMatch] = lengthCode{sym: 285, base: maxMatch}
	// Distances 1 to 32768 as codes 0 to 29 with extra bits.
	b := uint16(1)
	for d := range 30 {
		extra := uint8(0)
		if d >= 4 {
			extra = uint8(d/2 - 1)
		}
		distBase[d], distExtra[d] = b, extra
		b += 1 << extra
	}
}

// distCode is the code of a distance from 1 to 32768.
func distCode(dist int) int {
	if dist <= 4 {
		return dist - 1
	}
	d := uint32(dist - 1)
	hi := bits.Len32(d) - 1 // the top bit's position, at least 2
	return 2*hi + int(d>>(hi-1)&1)
}
