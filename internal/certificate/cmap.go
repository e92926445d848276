package certificate

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// coverage reads the characters a TrueType font has glyphs for, from its
// Unicode cmap subtable (format 12, else format 4). The PDF writer does not
// say when a character is missing, so the certificate checks first.
func coverage(font []byte) (map[rune]bool, error) {
	be := binary.BigEndian
	if len(font) < 12 {
		return nil, errors.New("font too short")
	}
	num := int(be.Uint16(font[4:]))
	var cmap []byte
	for i := 0; i < num; i++ {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return nil, errors.New("font table directory cut short")
		}
		if string(font[rec:rec+4]) == "cmap" {
			off, n := int(be.Uint32(font[rec+8:])), int(be.Uint32(font[rec+12:]))
			if off < 0 || n < 4 || off+n > len(font) {
				return nil, errors.New("cmap table out of range")
			}
			cmap = font[off : off+n]
		}
	}
	if cmap == nil {
		return nil, errors.New("font has no cmap table")
	}
	var f4, f12 []byte
	for i := 0; i < int(be.Uint16(cmap[2:])); i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return nil, errors.New("cmap records cut short")
		}
		platform, encoding, off := be.Uint16(cmap[rec:]), be.Uint16(cmap[rec+2:]), int(be.Uint32(cmap[rec+4:]))
		if off+4 > len(cmap) {
			continue
		}
		sub := cmap[off:]
		switch format := be.Uint16(sub); {
		case format == 12 && (platform == 3 && encoding == 10 || platform == 0):
			f12 = sub
		case format == 4 && (platform == 3 && encoding == 1 || platform == 0):
			f4 = sub
		}
	}
	out := map[rune]bool{}
	switch {
	case f12 != nil:
		if len(f12) < 16 {
			return nil, errors.New("cmap format 12 cut short")
		}
		groups := int(be.Uint32(f12[12:]))
		if 16+12*groups > len(f12) {
			return nil, errors.New("cmap format 12 groups cut short")
		}
		for g := 0; g < groups; g++ {
			p := 16 + 12*g
			start, end, glyph := be.Uint32(f12[p:]), be.Uint32(f12[p+4:]), be.Uint32(f12[p+8:])
			if end < start || end > 0x10FFFF {
				return nil, fmt.Errorf("cmap format 12 group %d is not a range", g)
			}
			for c := start; c <= end; c++ {
				if glyph+(c-start) != 0 {
					out[rune(c)] = true
				}
			}
		}
	case f4 != nil:
		if len(f4) < 14 {
			return nil, errors.New("cmap format 4 cut short")
		}
		segs := int(be.Uint16(f4[6:])) / 2
		ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
		if ranges+2*segs > len(f4) {
			return nil, errors.New("cmap format 4 segments cut short")
		}
		for s := 0; s < segs; s++ {
			end, start := int(be.Uint16(f4[ends+2*s:])), int(be.Uint16(f4[starts+2*s:]))
			delta, ro := int(be.Uint16(f4[deltas+2*s:])), int(be.Uint16(f4[ranges+2*s:]))
			for c := start; c <= end && c != 0xFFFF; c++ {
				glyph := 0
				if ro == 0 {
					glyph = (c + delta) & 0xFFFF
				} else {
					p := ranges + 2*s + ro + 2*(c-start)
					if p+2 > len(f4) {
						continue
					}
					if g := int(be.Uint16(f4[p:])); g != 0 {
						glyph = (g + delta) & 0xFFFF
					}
				}
				if glyph != 0 {
					out[rune(c)] = true
				}
			}
		}
	default:
		return nil, errors.New("font has no Unicode cmap")
	}
	return out, nil
}
