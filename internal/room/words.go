package room

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"strings"
)

// A rejoin word is what a trainee types, with their name, to come back
// after losing their connection: a plain word and three digits
// ("maple-427"), easy to write down and to type, about 238,000 to choose
// from. Guessing is slowed by the room's per-address delay after failed
// tries, and only a hash is kept.

// NewRejoinWord returns a fresh rejoin word.
func NewRejoinWord() string {
	w := rejoinWords[randIndex(len(rejoinWords))]
	d := randIndex(10)*100 + randIndex(10)*10 + randIndex(10)
	return fmt.Sprintf("%s-%03d", w, d)
}

// normalizeWord is the form a rejoin word is compared in: lower case, no
// spaces or dashes (see compact).
func normalizeWord(typed string) string { return compact(typed, strings.ToLower) }

// newSalt returns 16 random bytes in hex.
func newSalt() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic("room: no randomness: " + err.Error())
	}
	return hex.EncodeToString(b)
}

// hashWord hashes a normalised rejoin word with a salt.
func hashWord(salt, word string) string {
	h := sha256.Sum256([]byte(salt + "\x00" + normalizeWord(word)))
	return hex.EncodeToString(h[:])
}

// wordMatches compares a typed word with a stored hash in constant time.
func wordMatches(salt, hash, typed string) bool {
	if salt == "" || hash == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(hashWord(salt, typed)), []byte(hash)) == 1
}

// rejoinWords are short, everyday, neutral words.
var rejoinWords = []string{
	"acorn", "amber", "anchor", "apple", "apron", "arrow", "aspen", "attic", "autumn",
	"badge", "bagel", "bamboo", "banjo", "barley", "basil", "basket", "beacon", "beetle",
	"berry", "birch", "biscuit", "blanket", "bloom", "bottle", "branch", "breeze", "brick",
	"bridge", "brook", "bucket", "butter", "button", "cabin", "cactus", "camel", "candle",
	"canoe", "canyon", "carpet", "carrot", "castle", "cedar", "cello", "cherry", "chess",
	"cider", "cinema", "circle", "clover", "cobalt", "cocoa", "comet", "copper", "coral",
	"cotton", "cradle", "crayon", "cricket", "crystal", "cupboard", "daisy", "delta",
	"denim", "desert", "dinghy", "dolphin", "domino", "donkey", "dragon", "drum", "dune",
	"eagle", "easel", "echo", "elbow", "ember", "emerald", "engine", "falcon", "feather",
	"fennel", "fern", "ferry", "fiddle", "fig", "flute", "forest", "fossil", "fountain",
	"fox", "garden", "garlic", "gecko", "ginger", "glacier", "globe", "goose", "granite",
	"grape", "gravel", "guitar", "hammock", "harbour", "harvest", "hazel", "hedge", "heron",
	"hickory", "honey", "hopper", "island", "ivory", "jacket", "jasmine", "jelly", "jigsaw",
	"juniper", "kettle", "kiwi", "kite", "koala", "ladder", "lagoon", "lantern", "larch",
	"lemon", "lentil", "lilac", "linen", "lizard", "lobster", "locket", "lotus", "magnet",
	"mango", "maple", "marble", "meadow", "melon", "mitten", "mosaic", "moss", "muffin",
	"nectar", "needle", "nutmeg", "oak", "oasis", "olive", "onion", "orange", "orchid",
	"otter", "owl", "paddle", "panda", "paper", "parsley", "peach", "pebble", "pelican",
	"pencil", "pepper", "piano", "pillow", "pine", "planet", "plum", "pocket", "poppy",
	"potato", "puffin", "pumpkin", "quail", "quartz", "quilt", "rabbit", "radish", "raft",
	"raven", "reed", "ribbon", "river", "robin", "rocket", "saddle", "saffron", "salmon",
	"sandal", "satchel", "scarf", "shell", "sierra", "silver", "sketch", "sled", "slipper",
	"snail", "sparrow", "spinach", "sponge", "spruce", "squash", "starling", "stone",
	"sugar", "summit", "sunset", "swan", "teapot", "thimble", "thistle", "thunder", "tiger",
	"timber", "toffee", "tomato", "topaz", "tulip", "tunnel", "turnip", "umbrella",
	"valley", "velvet", "violet", "walnut", "walrus", "willow", "window", "winter",
	"wombat", "yarrow", "yogurt", "zebra", "zephyr", "badger", "bison", "clay",
}
