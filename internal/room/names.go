package room

import "frontline/internal/textsafe"

// The room's only view of how names are normalised and compared: the
// project's one rule for names (internal/textsafe).

// cleanName checks and normalises a trainee's name (textsafe.Name); the
// error can be shown as it is.
func cleanName(s string) (string, error) { return textsafe.Name(s) }

// nameSkeleton is the key names are compared by: names that look alike
// have the same skeleton and are the same trainee (textsafe.Skeleton).
func nameSkeleton(s string) string { return textsafe.Skeleton(s) }

// maxName is the longest name, in characters.
const maxName = textsafe.MaxName
