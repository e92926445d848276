package certificate

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
)

// MaxInput bounds what Read accepts: certificates are small.
const MaxInput = 32 << 20

// maxStream bounds one decompressed PDF stream, and maxInflated all of
// them together, so a hostile PDF cannot make the check run for long.
const (
	maxStream   = 4 << 20
	maxInflated = 64 << 20
)

// Read finds the statement in a certificate file's bytes: a text or
// Markdown certificate, the text of its QR code, text extracted from its
// PDF, or the PDF itself (whose attached statement is read back exactly).
func Read(data []byte) (Statement, error) {
	if len(data) > MaxInput {
		return Statement{}, fmt.Errorf("the file is larger than %d MB: not a certificate", MaxInput>>20)
	}
	if bytes.HasPrefix(data, []byte("%PDF-")) {
		block, err := statementFromPDF(data)
		if err != nil {
			return Statement{}, err
		}
		return Parse(block)
	}
	return Parse(data)
}

// statementFromPDF looks through a PDF's streams, compressed or not, for
// the statement block frontline attaches to every certificate PDF.
func statementFromPDF(pdf []byte) ([]byte, error) {
	begin := []byte(BeginLine)
	rest := pdf
	budget := int64(maxInflated)
	for budget > 0 {
		i := bytes.Index(rest, []byte("stream"))
		if i < 0 {
			break
		}
		afterEnd := i >= 3 && string(rest[i-3:i]) == "end"
		rest = rest[i+len("stream"):]
		if afterEnd {
			continue
		}
		// A stream's data starts after the end of the "stream" line.
		switch {
		case bytes.HasPrefix(rest, []byte("\r\n")):
			rest = rest[2:]
		case bytes.HasPrefix(rest, []byte("\n")):
			rest = rest[1:]
		default:
			continue // "endstream", or the word inside other text
		}
		end := bytes.Index(rest, []byte("endstream"))
		if end < 0 {
			break
		}
		data := rest[:end]
		rest = rest[end+len("endstream"):]
		if bytes.Contains(data, begin) {
			return data, nil
		}
		z, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			continue
		}
		out, _ := io.ReadAll(io.LimitReader(z, min(maxStream, budget)))
		_ = z.Close()
		budget -= int64(len(out))
		if bytes.Contains(out, begin) {
			return out, nil
		}
	}
	return nil, fmt.Errorf("this PDF carries no frontline certificate statement: save the statement's text (from the page or its QR code) to a file and check that: %w", ErrNoStatement)
}
